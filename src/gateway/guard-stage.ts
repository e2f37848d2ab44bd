/**
 * The guardrail stage of the pipeline for chat requests: screen the input once, narrow the route to the
 * deployments the data may reach (residency), apply each deployment's policy — with the caller's key's
 * overrides on top — when the router tries it, and screen the answer. Built once per gateway from the
 * `guardrails:` config; a request that no policy screens gets no guard at all and pays nothing.
 */
import type { DeploymentGuardrailsConfig } from '../config/guardrails-schema.ts';
import type { Config } from '../config/schema.ts';
import type { ChatEvent, ChatRequest, ChatResponse } from '../engines/engine.ts';
import type { GuardEvent } from '../guardrails/guard-event.ts';
import { createScanOffload } from '../guardrails/scan-offload.ts';
import type { ScannerSpec } from '../guardrails/scanner-spec.ts';
import { isScannerOn, resolvePolicy, type Direction, type GuardPolicy } from '../guardrails/policy.ts';
import { createCanaryMinter } from '../guardrails/canary.ts';
import {
  createGuardModel,
  GUARD_MODEL_SCANNER,
  type GuardModel,
} from '../guardrails/guard-model/guard-model.ts';
import { ScanCache } from '../guardrails/scan-cache.ts';
import type { TextScanner } from '../guardrails/scanner.ts';
import { createInjectionScanner } from '../guardrails/scanners/injection.ts';
import { createPiiScanner } from '../guardrails/scanners/pii.ts';
import { createSecretsScanner } from '../guardrails/scanners/secrets.ts';
import type { Route, Target } from '../router/router.ts';
import type { MeteredGuardModelCall } from './guard-model-call.ts';
import type { GuardCallRecord } from './request-record.ts';
import { RequestGuard, type GuardStageParts, type ScreeningPlan } from './request-guard.ts';
import type { CancelSignal } from '../client-signal.ts';

/** One chat request's guard: the narrowed route, the request each target gets, and the answer's screening. */
export interface GuardedChat {
  readonly route: Route;
  /** The request as `target`'s policy lets it through; throws `content_blocked`. */
  requestFor(target: Target): ChatRequest;
  /**
   * Screens a very large input on the scanning thread and runs the guard model on the input, when a policy
   * in play uses it; before `requestFor`. Undefined when there is nothing to wait for (the common case).
   */
  prescreen(): Promise<void> | undefined;
  /** The answer screened: at once, unless the guard model judges it (an await less for every answer). */
  guardResponse(response: ChatResponse): ChatResponse | Promise<ChatResponse>;
  guardStream(events: AsyncIterable<ChatEvent>): AsyncIterable<ChatEvent>;
  /** Every decision so far (input, then output as it is screened). */
  readonly events: GuardEvent[];
  /** `x-daulat-guard` for what is known now. */
  header(): string | undefined;
  /** Data classes found in the request or declared by the caller. */
  readonly dataClasses: readonly string[];
  /** The guard-model calls made so far, for the ledger and the budget. */
  readonly guardCalls: readonly GuardCallRecord[];
}

/**
 * A virtual key's guardrail overrides; `version` changes whenever the key does. The stage keeps the key's
 * policies and plans by this object: pass the same one for as long as the key is unchanged (the gateway makes
 * one per key record).
 */
export interface KeyGuardrails {
  readonly id: string;
  readonly version: number;
  readonly overrides: DeploymentGuardrailsConfig;
}

/** What `prepare` knows about a request besides its text and route. */
export interface PrepareOptions {
  /** `x-daulat-data-class`, for residency. */
  readonly declaredClasses: string | undefined;
  /** The client's signal (the guard model's calls stop with it). */
  readonly signal: CancelSignal;
  /** The caller's key's overrides. */
  readonly key?: KeyGuardrails;
  /** False for texts nothing executes (embedding inputs): no injection screening. */
  readonly screenInjection?: boolean;
}

/** The guard stage: `prepare` per request (completions and embeddings are seen as chats). */
export interface GuardStage {
  /** The request's guard, or undefined when no policy that applies to it screens anything. */
  prepare(request: ChatRequest, route: Route, options: PrepareOptions): GuardedChat | undefined;
}

/** What the stage needs besides the config. */
export interface GuardStageOptions {
  /** Reaches `guardrails.guard_model.model` (required when a policy uses the guard model). */
  readonly guardModelCall?: MeteredGuardModelCall;
}

/** A route's plans for one caller: for APIs screened for injection (chats, completions) and not (embeddings). */
interface RoutePlans {
  screening: ScreeningPlan | undefined;
  notScreening: ScreeningPlan | undefined;
}

/** Every scanner a policy can turn on, per direction. */
const SCANNER_IDS: Readonly<Record<Direction, readonly string[]>> = {
  input: ['secrets', 'pii', 'injection', GUARD_MODEL_SCANNER],
  output: ['secrets', 'pii', 'prompt_leak', GUARD_MODEL_SCANNER],
};

/** Builds the stage with the built-in scanners; each request runs only those its policies use. */
export function createGuardStage(config: Config, options: GuardStageOptions = {}): GuardStage {
  const defaults = createInjectionScanner();
  const thresholds = { direct: defaults.thresholds.block, indirect: defaults.thresholds.indirect };
  const deployments = new Map(config.deployments.map((deployment) => [deployment.name, deployment]));
  const policies = new Map(
    config.deployments.map((deployment) => [
      deployment.name,
      resolvePolicy(config.guardrails, deployment.location, deployment.guardrails, thresholds),
    ]),
  );
  // A key's policy per deployment, kept with the key's overrides object (no string key to build per request).
  const keyPolicies = new WeakMap<KeyGuardrails, Map<string, GuardPolicy>>();
  // Input scanners see the same system prompts and history turn after turn: their findings are remembered.
  // Output scanners see each answer once, so they go uncached.
  const { entries } = config.guardrails.scan_cache;
  const cache = entries > 0 ? new ScanCache(entries) : undefined;
  const cached = (scanner: TextScanner): TextScanner => cache?.wrap(scanner) ?? scanner;
  const injectionScanners = new Map<number, TextScanner>();
  const defaultInjection = cached(defaults);
  // The injection scanner drops findings below its minimum score: never above the lowest threshold in use.
  const injectionFor = (lowest: number): TextScanner => {
    if (lowest >= thresholds.indirect) return defaultInjection;
    let scanner = injectionScanners.get(lowest);
    if (scanner === undefined) {
      scanner = cached(createInjectionScanner({ minScore: lowest }));
      injectionScanners.set(lowest, scanner);
    }
    return scanner;
  };
  const secrets = createSecretsScanner();
  const pii = createPiiScanner();
  const offload = createScanOffload();
  const scanThreadMinChars = config.guardrails.scan_thread.min_chars;
  const inputSecrets = cached(secrets);
  const inputPii = cached(pii);
  const guardModelConfig = config.guardrails.guard_model;
  const guardModelCall = options.guardModelCall;
  // One per request, so each call it makes is kept with the request that caused it.
  const guardModelFor =
    guardModelConfig === undefined || guardModelCall === undefined
      ? undefined
      : (calls: GuardCallRecord[]): GuardModel =>
          createGuardModel({
            format: guardModelConfig.format,
            call: (turns, signal) => guardModelCall(turns, signal, (call) => calls.push(call)),
            timeoutMs: guardModelConfig.timeout_ms,
          });
  const mintCanary = createCanaryMinter(config.guardrails.canary_secret);
  const residency = Object.entries(config.guardrails.residency).some(
    ([key, value]) => key !== 'redact_then_egress' && Array.isArray(value),
  );
  // Whether any deployment's own policy screens anything: when none does, a request without key overrides
  // skips the stage at once (a key's overrides may turn scanners on, so keyed requests always look).
  const screens = (policy: GuardPolicy): boolean =>
    (['input', 'output'] as const).some((direction) =>
      SCANNER_IDS[direction].some((scanner) => isScannerOn(policy, direction, scanner)),
    );
  const deploymentsScreen = residency || [...policies.values()].some(screens);
  // The injection scanner builds its rule gates and compiles its patterns on its first text (~20 ms): do
  // that now rather than in the first client's request.
  if ([...policies.values()].some((policy) => isScannerOn(policy, 'input', 'injection')))
    defaults.scan('Warm-up: build the rule gates before the first request.', { source: 'user' });

  function policyFor(target: Target, key: KeyGuardrails | undefined): GuardPolicy {
    const name = target.deployment.name;
    if (key === undefined) return policies.get(name)!;
    let byDeployment = keyPolicies.get(key);
    if (byDeployment === undefined) {
      byDeployment = new Map();
      keyPolicies.set(key, byDeployment);
    }
    let policy = byDeployment.get(name);
    if (policy === undefined) {
      const deployment = deployments.get(name)!;
      const overrides = {
        input: { ...deployment.guardrails?.input, ...key.overrides?.input },
        output: { ...deployment.guardrails?.output, ...key.overrides?.output },
      };
      policy = resolvePolicy(config.guardrails, deployment.location, overrides, thresholds);
      byDeployment.set(name, policy);
    }
    return policy;
  }

  // Routes are the router's own long-lived objects, and a key's overrides object lives as long as its record: a
  // reloaded router's routes and a replaced key take their plans with them.
  const plans = new WeakMap<Route, RoutePlans>();
  const keyPlans = new WeakMap<KeyGuardrails, WeakMap<Route, RoutePlans>>();

  function planFor(route: Route, key: KeyGuardrails | undefined, screenInjection: boolean): ScreeningPlan {
    let byRoute = key === undefined ? plans : keyPlans.get(key);
    if (byRoute === undefined) {
      byRoute = new WeakMap();
      keyPlans.set(key!, byRoute);
    }
    let routePlans = byRoute.get(route);
    if (routePlans === undefined) {
      routePlans = { screening: undefined, notScreening: undefined };
      byRoute.set(route, routePlans);
    }
    if (screenInjection) return (routePlans.screening ??= makePlan(route, key, true));
    return (routePlans.notScreening ??= makePlan(route, key, false));
  }

  function makePlan(route: Route, key: KeyGuardrails | undefined, screenInjection: boolean): ScreeningPlan {
    const inUse = route.targets.map((target) => policyFor(target, key));
    const used = (direction: Direction, scanner: string): boolean =>
      inUse.some((policy) => isScannerOn(policy, direction, scanner));
    const lowest = Math.min(
      thresholds.indirect,
      ...inUse.flatMap((policy) => [
        policy.input.injection.threshold,
        policy.input.indirectInjection.threshold,
      ]),
    );
    // Each scanner with its description, for the scanning thread that takes very large inputs.
    const candidates: (readonly [TextScanner, ScannerSpec])[] = [
      [inputSecrets, { id: 'secrets' }],
      [inputPii, { id: 'pii' }],
      ...(screenInjection ? [[injectionFor(lowest), { id: 'injection', minScore: lowest }] as const] : []),
    ];
    const chosen = candidates.filter(([scanner]) => used('input', scanner.id));
    const inputScanners = chosen.map(([scanner]) => scanner);
    const inputSpecs = chosen.map(([, spec]) => spec);
    const outputScanners = [secrets, pii].filter((scanner) => used('output', scanner.id));
    const promptLeak = used('output', 'prompt_leak');
    const judgeInput = guardModelFor !== undefined && used('input', GUARD_MODEL_SCANNER);
    const judgeOutput = guardModelFor !== undefined && used('output', GUARD_MODEL_SCANNER);
    const idle =
      inputScanners.length === 0 &&
      outputScanners.length === 0 &&
      !promptLeak &&
      !residency &&
      !judgeInput &&
      !judgeOutput;
    return { inputScanners, inputSpecs, outputScanners, promptLeak, judgeInput, judgeOutput, idle };
  }

  const parts: GuardStageParts = {
    residency: config.guardrails.residency,
    scanThreadMinChars,
    offload,
    policyFor,
    guardModelFor,
    mintCanary,
  };
  return {
    prepare(request, route, options) {
      const { key, screenInjection = true } = options;
      if (key === undefined && !deploymentsScreen) return undefined;
      const plan = planFor(route, key, screenInjection);
      return plan.idle ? undefined : new RequestGuard(parts, request, route, plan, options);
    },
  };
}
