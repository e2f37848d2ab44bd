/**
 * The database tables as Kysely sees them. Times are epoch milliseconds (`bigint` in PostgreSQL, read back
 * as numbers); money is USD as a double; lists and policies are JSON text, so one query serves both dialects.
 */
export interface TeamsTable {
  name: string;
  rpm: number | null;
  tpm: number | null;
  budget_usd: number | null;
  budget_period: string | null;
  /** The proprietary model whose price the team's savings are measured against. */
  reference_model: string | null;
  created_at: number;
  updated_at: number;
}

export interface KeysTable {
  /** The public part of the key, also its lookup prefix: `dlt_<id>_<secret>`. */
  id: string;
  team: string;
  name: string | null;
  /** sha256 of the whole key, hex. The key itself is never stored. */
  hash: string;
  /** JSON array of model patterns (`qwen*`); null allows every model. */
  models: string | null;
  rpm: number | null;
  tpm: number | null;
  budget_usd: number | null;
  budget_period: string | null;
  /** JSON guardrail overrides (`{input: {pii: 'block'}}`), or null for the deployment's policy. */
  guardrails: string | null;
  /** 1 when request and response content is kept with the ledger row. */
  log_content: number;
  expires_at: number | null;
  revoked_at: number | null;
  created_at: number;
  /** Bumped on every change, so replicas refresh their key caches from `updated_at > watermark`. */
  updated_at: number;
}

export interface LedgerTable {
  at: number;
  request_id: string;
  /** `request` (a client's) or `guard` (a guard-model call it caused); added by 0002_guard_calls. */
  purpose: string;
  team: string | null;
  key_id: string | null;
  model: string;
  deployment: string | null;
  location: string | null;
  operation: string;
  stream: number;
  status: string;
  error_code: string | null;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  cost_usd: number;
  reference_model: string | null;
  reference_cost_usd: number;
  latency_ms: number;
  ttft_ms: number | null;
  attempts: number;
  /** Comma-separated data classes seen or declared (`pii.nik,secret.aws`). */
  data_classes: string | null;
  /** The guard summary (`redacted=2;flagged=jailbreak`). */
  guard_actions: string | null;
  /** JSON `{request, response}` when the key logs content; null otherwise. */
  content: string | null;
}

export interface AuditTable {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  /** JSON details: never a sensitive value. */
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * The ledger batches written lately, by id: a batch sent again after its commit went unacknowledged (a writer
 * thread that died, a connection lost at COMMIT) finds its id here and is not written twice.
 */
export interface LedgerBatchesTable {
  id: string;
  /** When it was written (epoch ms); ids older than a day are let go. */
  at: number;
}

/** Every table Daulat keeps. */
export interface Tables {
  teams: TeamsTable;
  keys: KeysTable;
  ledger: LedgerTable;
  ledger_batches: LedgerBatchesTable;
  audit: AuditTable;
}
