/**
 * The in-memory key and team cache that authenticates /v1 requests without touching the database. Loaded
 * at start, refreshed every `refreshMs` from rows changed since the last look (so a key revoked on another
 * replica stops working there within that interval), and updated at once by this replica's own admin calls.
 * A well-formed key id the cache has never seen is looked up once (a key just made on another replica);
 * misses are remembered briefly so a flood of made-up keys cannot hammer the store.
 */
import { GatewayError } from '../errors.ts';
import type { KeyRecord, Store, Team } from '../store/store.ts';
import { keyId, keyMatches } from './key-token.ts';

/** A key that passed: its record and its team's settings. */
export interface Tenant {
  readonly key: KeyRecord;
  readonly team: Team | undefined;
}

/** Authentication and the caches behind it. */
export interface Keyring {
  /** Loads every key and team, then keeps them fresh. */
  start(): Promise<void>;
  /** The tenant for a presented key; synchronous when the key is cached (the common case). */
  authenticate(presented: string): Tenant | Promise<Tenant>;
  /** `authenticate`, or undefined when `presented` is not shaped like a virtual key (another kind of key). */
  authenticateIfKey(presented: string): Tenant | Promise<Tenant> | undefined;
  /** Records a key this replica just created or changed. */
  remember(key: KeyRecord): void;
  /** Records a team this replica just created or changed. */
  rememberTeam(team: Team): void;
  team(name: string): Team | undefined;
  close(): void;
}

/** Timing knobs (tests shorten them). */
export interface KeyringOptions {
  readonly refreshMs?: number;
  readonly missTtlMs?: number;
  readonly now?: () => number;
  readonly onRefreshError?: (error: unknown) => void;
}

/** Rows changed this close to the watermark are read again: replicas' clocks are not exactly in step. */
const CLOCK_SLACK_MS = 5_000;
/** Bounds on the remembered misses and verified keys (cleared when full: both are only shortcuts). */
const MAX_REMEMBERED = 10_000;

/** Builds the keyring over a store. */
export function createKeyring(store: Store, options: KeyringOptions = {}): Keyring {
  const refreshMs = options.refreshMs ?? 1_000;
  const missTtlMs = options.missTtlMs ?? 1_000;
  const now = options.now ?? Date.now;
  const keys = new Map<string, KeyRecord>();
  const teams = new Map<string, Team>();
  const misses = new Map<string, number>();
  // Keys whose hash already matched, so the hot path compares strings instead of hashing every request.
  // They are kept in memory only, as the key is anyway while its request is served.
  const verified = new Map<string, string>();
  let watermark = 0;
  let timer: NodeJS.Timeout | undefined;

  function remember(key: KeyRecord): void {
    keys.set(key.id, key);
    misses.delete(key.id);
    watermark = Math.max(watermark, key.updatedAt);
  }

  async function refresh(): Promise<void> {
    const [changed, allTeams] = await Promise.all([
      store.keysChangedSince(watermark - CLOCK_SLACK_MS),
      store.listTeams(),
    ]);
    for (const key of changed) remember(key);
    teams.clear();
    for (const team of allTeams) teams.set(team.name, team);
  }

  /** `verifiedId`: the id `presented` was last verified for, if any. */
  function check(presented: string, key: KeyRecord | undefined, verifiedId?: string): Tenant {
    if (key === undefined) throw new GatewayError('invalid_api_key', 'invalid API key');
    if (verifiedId !== key.id) {
      if (!keyMatches(presented, key.hash)) throw new GatewayError('invalid_api_key', 'invalid API key');
      if (verified.size >= MAX_REMEMBERED) verified.clear();
      verified.set(presented, key.id);
    }
    if (key.revokedAt !== undefined) throw new GatewayError('key_revoked', `API key ${key.id} was revoked`);
    if (key.expiresAt !== undefined && key.expiresAt <= now())
      throw new GatewayError('key_expired', `API key ${key.id} expired`);
    return { key, team: teams.get(key.team) };
  }

  function authenticateIfKey(presented: string): Tenant | Promise<Tenant> | undefined {
    // A key verified before is known by its id without reading its shape again.
    const verifiedId = verified.get(presented);
    const id = verifiedId ?? keyId(presented);
    if (id === undefined) return undefined;
    const key = keys.get(id);
    return key === undefined ? lookUp(presented, id) : check(presented, key, verifiedId);
  }

  async function lookUp(presented: string, id: string): Promise<Tenant> {
    const missedAt = misses.get(id);
    if (missedAt !== undefined && now() - missedAt < missTtlMs) return check(presented, undefined);
    const key = await store.findKey(id);
    if (key === undefined) {
      if (misses.size >= MAX_REMEMBERED) misses.clear();
      misses.set(id, now());
    } else remember(key);
    return check(presented, key);
  }

  return {
    async start() {
      await refresh();
      timer = setInterval(() => {
        refresh().catch((error: unknown) => options.onRefreshError?.(error));
      }, refreshMs);
      timer.unref();
    },
    authenticate(presented) {
      const tenant = authenticateIfKey(presented);
      if (tenant === undefined) throw new GatewayError('invalid_api_key', 'invalid API key');
      return tenant;
    },
    authenticateIfKey,
    remember,
    rememberTeam(team) {
      teams.set(team.name, team);
    },
    team: (name) => teams.get(name),
    close() {
      clearInterval(timer);
    },
  };
}
