/**
 * The limits stage: before routing, reserve one request and an estimate of the tokens and cost against
 * the key's and its team's limits; when the request ends (streams included), settle them with the real
 * usage and the real cost of the deployment that served it.
 */
import type { CostModel } from '../accounting/cost-model.ts';
import type { ChatRequest, CompletionRequest, EmbeddingRequest } from '../engines/engine.ts';
import type { Limiter, LimitScope, Reservation } from '../limits/limiter.ts';
import type { HeaderList } from '../limits/rate-headers.ts';
import type { Route } from '../router/router.ts';
import type { KeyRecord, Limits, Team } from '../store/store.ts';
import type { Tenant } from '../tenancy/keyring.ts';
import { guardCallsCost } from './ledger-recorder.ts';
import type { Operation, RequestRecord } from './request-record.ts';

/** A reservation held by one request. */
export interface Admission {
  /** `x-ratelimit-*` for the response (and for a failure's error). */
  readonly headers: Readonly<Record<string, string>>;
  /** Appends the same headers to a response's flat name/value list. */
  pushHeaders(list: HeaderList): void;
  /** Settles the reservation with the finished request's usage; once. */
  settle(record: RequestRecord): void;
}

/** Reserves limits for a tenant's request. */
export interface LimitStage {
  /**
   * Rejects with `rate_limit_exceeded` or `budget_exceeded`; undefined when neither key nor team has limits.
   * No promise when the limiter admits at once (counts in memory).
   */
  admit(
    operation: Operation,
    request: { readonly model: string },
    route: Route,
    tenant: Tenant,
  ): Admission | Promise<Admission> | undefined;
}

/** What the stage needs. */
export interface LimitStageOptions {
  readonly limiter: Limiter;
  readonly costs: CostModel;
  /** Output tokens assumed for a request without `max_tokens`. */
  readonly defaultOutputTokens: number;
}

/** Roughly four characters per token for the estimate; settle corrects it to the real count. */
const CHARS_PER_TOKEN = 4;

/** Builds the stage. */
export function createLimitStage(options: LimitStageOptions): LimitStage {
  const { limiter, costs } = options;
  // Routes are the router's long-lived objects: their deployments' names are listed once, not per request.
  const namesByRoute = new WeakMap<Route, readonly string[]>();
  const deploymentNames = (route: Route): readonly string[] => {
    let names = namesByRoute.get(route);
    if (names === undefined) {
      names = route.targets.map((target) => target.deployment.name);
      namesByRoute.set(route, names);
    }
    return names;
  };
  // Key and team records are replaced, never changed, when their limits change: a key's scopes are built once
  // per pair of records, not per request (every request holds them until it settles).
  const scopesByKey = new WeakMap<KeyRecord, KeyScopes>();
  const scopesOf = (tenant: Tenant): KeyScopes => {
    const known = scopesByKey.get(tenant.key);
    if (known !== undefined && known.team === tenant.team) return known;
    const scopes = limitScopes(tenant);
    const fresh: KeyScopes = {
      team: tenant.team,
      scopes,
      metered: scopes.some((scope) => scope.limits.tpm !== undefined || scope.limits.budget !== undefined),
    };
    scopesByKey.set(tenant.key, fresh);
    return fresh;
  };
  return {
    admit(operation, request, route, tenant) {
      const { scopes, metered } = scopesOf(tenant);
      if (scopes.length === 0) return undefined;
      const input = metered ? estimateInputTokens(operation, request) : 0;
      const output = metered ? estimateOutputTokens(operation, request, options.defaultOutputTokens) : 0;
      const tokens = { input, cachedInput: 0, output, reasoning: 0 };
      const costUsd = metered ? costs.estimateCost(deploymentNames(route), tokens) : 0;
      const reserving = limiter.admit(scopes, { tokens: input + output, costUsd });
      return reserving instanceof Promise ? reserving.then(admission) : admission(reserving);
    },
  };

  /** The request's hold on its reservation. */
  function admission(reservation: Reservation): Admission {
    return new HeldAdmission(reservation, costs);
  }
}

/** A key's limit scopes with its team's, as built for one pair of records. */
interface KeyScopes {
  readonly team: Team | undefined;
  readonly scopes: readonly LimitScope[];
  /** Whether a scope counts tokens or spend, so that the request's tokens and cost must be estimated. */
  readonly metered: boolean;
}

/**
 * A request's hold on its reservation: one object rather than an object of closures, as every admitted request
 * holds one for as long as it runs.
 */
class HeldAdmission implements Admission {
  readonly #reservation: Reservation;
  readonly #costs: CostModel;

  constructor(reservation: Reservation, costs: CostModel) {
    this.#reservation = reservation;
    this.#costs = costs;
  }

  get headers(): Readonly<Record<string, string>> {
    return this.#reservation.headers;
  }

  pushHeaders(list: HeaderList): void {
    this.#reservation.pushHeaders(list);
  }

  settle(record: RequestRecord): void {
    const counts = {
      input: record.promptTokens,
      cachedInput: record.cachedPromptTokens,
      output: record.completionTokens,
      reasoning: record.reasoningTokens,
    };
    // The guard-model calls the request caused are paid from the same budget (not rpm/tpm).
    const cost =
      (record.deployment === undefined ? 0 : this.#costs.deploymentCost(record.deployment, counts)) +
      guardCallsCost(record, this.#costs);
    // Never rejects: the limiter reports its store's failures itself.
    void this.#reservation.settle({
      tokens: record.promptTokens + record.completionTokens,
      costUsd: cost,
    });
  }
}

function limitScopes(tenant: Tenant): LimitScope[] {
  const scopes: LimitScope[] = [];
  if (hasLimits(tenant.key.limits))
    scopes.push({ kind: 'key', id: tenant.key.id, limits: tenant.key.limits });
  if (tenant.team !== undefined && hasLimits(tenant.team.limits))
    scopes.push({ kind: 'team', id: tenant.team.name, limits: tenant.team.limits });
  return scopes;
}

function hasLimits(limits: Limits): boolean {
  return limits.rpm !== undefined || limits.tpm !== undefined || limits.budget !== undefined;
}

function estimateInputTokens(operation: Operation, request: object): number {
  if (operation !== 'chat') {
    const body =
      operation === 'completion'
        ? (request as CompletionRequest).prompt
        : (request as EmbeddingRequest).input;
    return Math.ceil(JSON.stringify(body).length / CHARS_PER_TOKEN);
  }
  // Plain-text messages (the common case) are measured without serialising them.
  let characters = 0;
  for (const message of (request as ChatRequest).messages) {
    characters +=
      typeof message.content === 'string' ? message.content.length : JSON.stringify(message).length;
  }
  return Math.ceil(characters / CHARS_PER_TOKEN);
}

function estimateOutputTokens(operation: Operation, request: object, fallback: number): number {
  if (operation === 'embedding') return 0;
  return (request as ChatRequest | CompletionRequest).maxTokens ?? fallback;
}
