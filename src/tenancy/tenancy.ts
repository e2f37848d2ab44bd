/**
 * Teams and keys as the admin API and CLI manage them: every change goes to the store, into this
 * replica's key cache at once, and into the audit log (never the key itself, only its id).
 */
import { GatewayError } from '../errors.ts';
import type { AuditEvent, KeyRecord, Store, Team } from '../store/store.ts';
import { expiryTime, limitsOf, type CreateKeyInput, type PutTeamInput } from './admin-input.ts';
import { mintKey } from './key-token.ts';
import type { Keyring } from './keyring.ts';

/** The admin operations on teams and keys. */
export interface Tenancy {
  /** Creates a key (and its team if new); the whole key is returned this once. */
  createKey(
    input: CreateKeyInput,
    actor: string,
  ): Promise<{ readonly record: KeyRecord; readonly key: string }>;
  revokeKey(id: string, actor: string): Promise<KeyRecord>;
  putTeam(name: string, input: PutTeamInput, actor: string): Promise<Team>;
}

/** What the admin operations need besides the store and key cache. */
export interface TenancyOptions {
  /** Appends admin actions to the audit log. */
  readonly audit: (events: readonly AuditEvent[]) => Promise<unknown>;
  /** Whether the price catalog knows a model (a team's reference model must be priced). */
  readonly isPricedModel: (model: string) => boolean;
  readonly now?: () => number;
}

/** Builds the admin operations over the store and the key cache. */
export function createTenancy(store: Store, keyring: Keyring, options: TenancyOptions): Tenancy {
  const { audit } = options;
  const now = options.now ?? Date.now;
  async function ensureTeam(name: string, actor: string): Promise<void> {
    if ((await store.getTeam(name)) !== undefined) return;
    const at = now();
    const team = await store.putTeam({ name, limits: {} }, at);
    keyring.rememberTeam(team);
    await audit([{ at, actor, action: 'team.create', subject: name, details: {} }]);
  }

  return {
    async createKey(input, actor) {
      const at = now();
      const expiresAt = input.expires === undefined ? undefined : expiryTime(input.expires, at);
      if (expiresAt !== undefined && !(expiresAt > at)) {
        throw new GatewayError('invalid_request', `'expires' must be in the future`, { param: 'expires' });
      }
      await ensureTeam(input.team, actor);
      const minted = mintKey();
      const record: KeyRecord = {
        id: minted.id,
        team: input.team,
        ...(input.name === undefined ? {} : { name: input.name }),
        hash: minted.hash,
        ...(input.models === undefined ? {} : { models: input.models }),
        limits: limitsOf(input),
        ...(input.guardrails === undefined ? {} : { guardrails: input.guardrails }),
        logContent: input.log_content,
        ...(expiresAt === undefined ? {} : { expiresAt }),
        createdAt: at,
        updatedAt: at,
      };
      await store.insertKey(record);
      keyring.remember(record);
      await audit([{ at, actor, action: 'key.create', subject: record.id, details: keyDetails(record) }]);
      return { record, key: minted.key };
    },

    async revokeKey(id, actor) {
      const at = now();
      const record = await store.revokeKey(id, at);
      if (record === undefined) throw new GatewayError('key_not_found', `no key '${id}'`);
      keyring.remember(record);
      await audit([{ at, actor, action: 'key.revoke', subject: id, details: { team: record.team } }]);
      return record;
    },

    async putTeam(name, input, actor) {
      if (typeof input.reference_model === 'string' && !options.isPricedModel(input.reference_model)) {
        throw new GatewayError(
          'invalid_request',
          `'reference_model': '${input.reference_model}' is not in the price catalog`,
          { param: 'reference_model' },
        );
      }
      const at = now();
      const existing = await store.getTeam(name);
      const merged = {
        rpm: input.rpm === undefined ? existing?.limits.rpm : input.rpm,
        tpm: input.tpm === undefined ? existing?.limits.tpm : input.tpm,
        budget: input.budget === undefined ? existing?.limits.budget : input.budget,
      };
      const referenceModel =
        input.reference_model === undefined ? existing?.referenceModel : (input.reference_model ?? undefined);
      const team = await store.putTeam(
        { name, limits: limitsOf(merged), ...(referenceModel === undefined ? {} : { referenceModel }) },
        at,
      );
      keyring.rememberTeam(team);
      await audit([
        {
          at,
          actor,
          action: existing === undefined ? 'team.create' : 'team.update',
          subject: name,
          details: { limits: team.limits, reference_model: team.referenceModel ?? null },
        },
      ]);
      return team;
    },
  };
}

/** What the audit log keeps about a new key: its settings, never the key or its hash. */
function keyDetails(record: KeyRecord): Record<string, unknown> {
  return {
    team: record.team,
    models: record.models ?? null,
    limits: record.limits,
    expires_at: record.expiresAt ?? null,
    guardrails: record.guardrails ?? null,
    log_content: record.logContent,
  };
}
