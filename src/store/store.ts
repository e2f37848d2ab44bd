/**
 * The store's domain interface: teams, keys, the usage ledger and the audit log. One implementation
 * (sql-store.ts) serves SQLite and PostgreSQL with the same queries; nothing else touches SQL.
 */
import type { AuditAnchor, ChainVerdict } from './audit-chain.ts';
import type { LedgerBatch } from './ledger-batch.ts';

/** A budget's accounting period; periods start at 00:00 UTC (weeks on Monday, months on the 1st). */
export type BudgetPeriod = 'day' | 'week' | 'month';

/** A spending limit in US dollars per period. */
export interface Budget {
  readonly usd: number;
  readonly period: BudgetPeriod;
}

/** Rate limits and a budget; an absent field means no limit. */
export interface Limits {
  readonly rpm?: number;
  readonly tpm?: number;
  readonly budget?: Budget;
}

/** A team: the unit that owns keys, spends budget and sees its own usage. */
export interface Team {
  readonly name: string;
  readonly limits: Limits;
  /** The proprietary model its savings are measured against (else the gateway's default). */
  readonly referenceModel?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A virtual key as stored: never the key itself, only its id (the lookup prefix) and hash. */
export interface KeyRecord {
  readonly id: string;
  readonly team: string;
  readonly name?: string;
  /** sha256 of the whole key, hex. */
  readonly hash: string;
  /** Model name patterns (`qwen*`); absent allows every model. */
  readonly models?: readonly string[];
  readonly limits: Limits;
  /** Guardrail overrides for this key's requests, as in the config's `guardrails` block. */
  readonly guardrails?: unknown;
  readonly logContent: boolean;
  readonly expiresAt?: number;
  readonly revokedAt?: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Why a ledger row exists: a client's request, or a guard-model call one caused (same request id). */
export type LedgerPurpose = 'request' | 'guard';

/** One finished request in the ledger. Times are epoch ms; costs are USD. */
export interface LedgerEntry {
  readonly at: number;
  readonly requestId: string;
  /** 'request' when absent. */
  readonly purpose?: LedgerPurpose;
  readonly team?: string;
  readonly keyId?: string;
  readonly model: string;
  readonly deployment?: string;
  readonly location?: string;
  readonly operation: string;
  readonly stream: boolean;
  readonly status: 'ok' | 'error' | 'cancelled';
  readonly errorCode?: string;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  readonly costUsd: number;
  readonly referenceModel?: string;
  readonly referenceCostUsd: number;
  readonly latencyMs: number;
  readonly ttftMs?: number;
  readonly attempts: number;
  readonly dataClasses?: string;
  readonly guardActions?: string;
  /** Request and response content, only for keys that log content. */
  readonly content?: string;
}

/** Which ledger rows a usage query adds up. */
export interface UsageFilter {
  readonly team?: string;
  readonly keyId?: string;
  /** Only client requests, or only guard-model calls; both when absent. */
  readonly purpose?: LedgerPurpose;
  readonly since: number;
  readonly until?: number;
}

/** Totals over ledger rows. */
export interface UsageTotals {
  readonly requests: number;
  readonly errors: number;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  readonly costUsd: number;
  readonly referenceCostUsd: number;
}

/** Usage totals — guard-model calls included, as budgets count them — overall, per model and per purpose. */
export interface UsageReport extends UsageTotals {
  readonly byModel: readonly (UsageTotals & { readonly model: string })[];
  /** The same totals split: client requests, and the guard-model calls they caused. */
  readonly byPurpose: Readonly<Record<LedgerPurpose, UsageTotals>>;
}

/** Something worth auditing: an admin action or a guardrail decision. Never carries a sensitive value. */
export interface AuditEvent {
  readonly at: number;
  /** Who: `admin`, `key:<id>`, `gateway`. */
  readonly actor: string;
  /** What: `key.create`, `key.revoke`, `team.update`, `guard.redact`, … */
  readonly action: string;
  /** On what: a key id, a team, a request id. */
  readonly subject: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A stored audit entry: the event, its place in the log and its chain links. */
export interface AuditEntry extends AuditEvent {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** A team's settings as an admin writes them. */
export type TeamInput = Pick<Team, 'name' | 'limits' | 'referenceModel'>;

/** Persistent state behind the gateway. Calls are off the request hot path (ledger writes are batched). */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  putTeam(team: TeamInput, at: number): Promise<Team>;
  getTeam(name: string): Promise<Team | undefined>;
  listTeams(): Promise<Team[]>;
  insertKey(key: KeyRecord): Promise<void>;
  findKey(id: string): Promise<KeyRecord | undefined>;
  listKeys(filter?: { readonly team?: string }): Promise<KeyRecord[]>;
  /** Marks a key revoked; returns it, or undefined if there is no such key. */
  revokeKey(id: string, at: number): Promise<KeyRecord | undefined>;
  /** Keys created or changed after `updatedAfter` (epoch ms), for replicas refreshing their caches. */
  keysChangedSince(updatedAfter: number): Promise<KeyRecord[]>;
  /** Writes ledger entries in one transaction (all or nothing). */
  recordUsage(entries: readonly LedgerEntry[]): Promise<void>;
  /** The same for entries already encoded as they came (`ledgerEntryBuilder`), as the gateway's ledger writes them. */
  recordLedgerBatch(batch: LedgerBatch): Promise<void>;
  usage(filter: UsageFilter): Promise<UsageReport>;
  /** The newest ledger rows matching `filter`, newest first, at most `limit`. */
  ledgerEntries(filter: UsageFilter & { readonly limit: number }): Promise<LedgerEntry[]>;
  /** USD spent since `since` by a team or a key (budgets restart from this). */
  spend(scope: { readonly team: string } | { readonly keyId: string }, since: number): Promise<number>;
  /** Appends events to the audit chain in order, under a lock shared by every replica. */
  appendAudit(events: readonly AuditEvent[]): Promise<AuditEntry[]>;
  /** Entries in order, after `afterSeq`, at most `limit`. */
  listAudit(options?: { readonly afterSeq?: number; readonly limit?: number }): Promise<AuditEntry[]>;
  /**
   * Called once at start: with an audit key, appends an `audit.key` entry (hashed under the key) unless the
   * newest entry already is, so a keyed gateway's log always ends keyed. Returns the entry it appended.
   */
  startAudit(at: number): Promise<AuditEntry | undefined>;
  /** The newest audit entry, or undefined while the log is empty. */
  auditHead(): Promise<AuditEntry | undefined>;
  /** Checks the whole chain with the store's audit key (if any), and against `anchor` when given. */
  verifyAudit(anchor?: AuditAnchor): Promise<ChainVerdict>;
  close(): Promise<void>;
}
