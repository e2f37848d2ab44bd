/**
 * Everything behind keys, limits, the ledger and the audit log, built once per gateway: the store (SQLite or
 * PostgreSQL), the key cache, the batch writers, the limiter and the cost model; and their orderly close.
 */
import type { Logger } from 'pino';
import { createCostModel, type CostModel } from '../accounting/cost-model.ts';
import { loadPriceCatalog } from '../accounting/price-catalog.ts';
import { ConfigError } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { createLimitStage, type LimitStage } from '../gateway/limit-stage.ts';
import { anyGuardrailOn } from '../guardrails/any-guardrail.ts';
import type { Limiter } from '../limits/limiter.ts';
import { createBatchWriter, createBatchWriterWith, type BatchWriter } from '../store/batch-writer.ts';
import { recordAllButRefused } from '../store/ledger-refusals.ts';
import type { StoreWriterGauges } from '../metrics/metrics.ts';
import { ledgerEntryBuilder } from '../store/rows.ts';
import { createEmptyStore } from '../store/empty-store.ts';
import type { Database } from '../store/database.ts';
import type { AuditEvent, LedgerEntry, Store } from '../store/store.ts';
import { createKeyring, type Keyring } from '../tenancy/keyring.ts';
import { createTenancy, type Tenancy } from '../tenancy/tenancy.ts';

/** The tenancy side of a running gateway. */
export interface TenancyServices {
  readonly store: Store;
  /** The gateway keeps nothing (the empty store): it knows no keys, and so no key's own guardrail policy. */
  readonly storeless: boolean;
  readonly keyring: Keyring;
  readonly tenancy: Tenancy;
  readonly ledger: BatchWriter<LedgerEntry>;
  readonly audit: BatchWriter<AuditEvent>;
  readonly costs: CostModel;
  readonly limits: LimitStage;
  /** The ledger's and the audit log's writers as the metrics report them. */
  storeWriters(): readonly StoreWriterGauges[];
  /** The reference model for a team (its own, else the gateway's default). */
  referenceModel(team: string | undefined): string;
  /** Flushes the ledger and audit log, then closes the limiter and the store. */
  close(): Promise<void>;
}

/**
 * Opens the store (running migrations) and builds the services over it. A gateway that can keep nothing (see
 * `storelessReason`) gets the empty store instead, and loads neither Kysely, a database driver nor the limiter.
 */
export async function createTenancyServices(config: Config, logger: Logger): Promise<TenancyServices> {
  const storeless = storelessReason(config);
  const store = storeless === undefined ? await openStore(config, logger) : createEmptyStore(storeless);
  let limiter: Limiter | undefined;
  try {
    await store.startAudit(Date.now());
    const keyring = createKeyring(store, {
      refreshMs: config.store.key_refresh_ms,
      onRefreshError: (error) => logger.warn({ err: error }, 'key cache refresh failed'),
    });
    await keyring.start();
    // What the metrics count of the writers beyond their own pending and dropped rows.
    const counts = { ledgerFailures: 0, auditFailures: 0, refusedRows: 0 };
    const writerOptions = (count: 'ledgerFailures' | 'auditFailures') => ({
      flushMs: config.ledger.flush_ms,
      batchSize: config.ledger.batch_size,
      onError: (error: unknown, rows: number) => {
        counts[count] += 1;
        logger.error({ err: error, pending: rows }, 'store write failed; rows kept for the next attempt');
      },
    });
    // Ledger rows wait encoded, not as objects (see LedgerBatchBuilder).
    const ledger = createBatchWriterWith(ledgerEntryBuilder(), {
      ...writerOptions('ledgerFailures'),
      sink: (batch) =>
        recordAllButRefused(
          (part) => store.recordLedgerBatch(part),
          batch,
          (error, requestId) => {
            counts.refusedRows += 1;
            logger.error({ err: error, requestId }, 'the database refused a ledger row; it is dropped');
          },
        ),
    });
    const audit = createBatchWriter<AuditEvent>({
      ...writerOptions('auditFailures'),
      sink: (rows) => store.appendAudit(rows),
    });
    const catalog = await loadPriceCatalog(config.accounting.prices_file);
    if (catalog.price(config.accounting.reference_model) === undefined) {
      throw new ConfigError(
        `accounting.reference_model: '${config.accounting.reference_model}' is not in the price catalog ${catalog.source}`,
      );
    }
    const costs = createCostModel({ deployments: config.deployments, catalog });
    // Limits belong to keys and teams, which live in the store: a storeless gateway has none to check.
    limiter = storeless === undefined ? await openLimiter(config, store, logger) : undefined;
    const limits: LimitStage =
      limiter === undefined
        ? { admit: () => undefined }
        : createLimitStage({
            limiter,
            costs,
            defaultOutputTokens: config.limits.default_output_tokens,
          });
    const openedLimiter = limiter;
    return {
      store,
      storeless: storeless !== undefined,
      keyring,
      tenancy: createTenancy(store, keyring, {
        audit: (events) => store.appendAudit(events),
        isPricedModel: (model) => catalog.price(model) !== undefined,
      }),
      ledger,
      audit,
      costs,
      limits,
      storeWriters: () => [
        {
          writer: 'ledger',
          pending: ledger.pending,
          failures: counts.ledgerFailures,
          refused: counts.refusedRows,
          overflowed: ledger.dropped,
        },
        {
          writer: 'audit',
          pending: audit.pending,
          failures: counts.auditFailures,
          refused: 0,
          overflowed: audit.dropped,
        },
      ],
      referenceModel: (team) =>
        (team === undefined ? undefined : keyring.team(team)?.referenceModel) ??
        config.accounting.reference_model,
      async close() {
        keyring.close();
        const flushed = await Promise.allSettled([ledger.close(), audit.close()]);
        for (const result of flushed)
          if (result.status === 'rejected') logger.error({ err: result.reason }, 'final store flush failed');
        await openedLimiter?.close();
        await store.close();
      },
    };
  } catch (error) {
    await limiter?.close();
    await store.close();
    throw error;
  }
}

/**
 * Why this gateway needs no store, or undefined when it does. The store holds keys and teams (managed with the
 * admin key), the ledger, and the audit log: an entry for every request a guardrail acts on, and a keyed
 * log's key entry at start.
 */
function storelessReason(config: Config): string | undefined {
  const needed =
    config.admin.key !== undefined ||
    config.ledger.enabled ||
    config.audit.key !== undefined ||
    anyGuardrailOn(config);
  return needed ? undefined : 'no admin key or audit key is set, the ledger is off and no guardrail is on';
}

// Kysely, the database drivers, rate-limiter-flexible and ioredis are imported only here, when the config
// needs them (docs/architecture.md, "Start-up and memory"); a missing or broken one fails the start.
async function openStore(config: Config, logger: Logger): Promise<Store> {
  const [{ openDatabase, StoreOpenError }, { createSqlStore }] = await Promise.all([
    import('../store/database.ts'),
    import('../store/sql-store.ts'),
  ]);
  let database: Database;
  try {
    database = await openDatabase({
      url: config.store.url,
      ...(config.store.schema === undefined ? {} : { schema: config.store.schema }),
    });
  } catch (error) {
    // Said as a problem with the setting, without a stack: the store is missing, unreachable or refuses us.
    // (A failed migration is thrown as it is: a worker of a multi-process gateway that lost a race at first
    // start exits, and its primary starts another.)
    if (error instanceof StoreOpenError) throw new ConfigError(`store.url: ${error.message}`);
    throw error;
  }
  logger.debug({ store: database.description }, 'store opened');
  return createSqlStore(database, {
    ...(config.audit.key === undefined
      ? {}
      : { auditKey: config.audit.key, retiredAuditKeys: config.audit.retired_keys }),
    ledgerWriter: {
      idle: config.ledger.writer_priority === 'idle',
      onEvent: (event) => {
        if (event.kind === 'fell_behind')
          logger.warn(
            { waitedMs: Math.round(event.waitedMs) },
            'the ledger writer fell behind at idle priority; it runs at normal priority from now on',
          );
        else if (event.policy !== undefined && !event.policy.idle)
          logger.info({ reason: event.policy.reason }, 'the ledger writer runs at normal priority');
        else if (event.policy?.idle === true) logger.debug('the ledger writer runs at idle priority');
      },
    },
  });
}

async function openLimiter(config: Config, store: Store, logger: Logger): Promise<Limiter> {
  const { createLimiter } = await import('../limits/limiter.ts');
  return createLimiter({
    ...(config.limits.redis_url === undefined ? {} : { redisUrl: config.limits.redis_url }),
    keyPrefix: config.limits.key_prefix,
    spend: (scope, since) => store.spend(scope, since),
    onError: (error) => logger.warn({ err: error }, 'limiter error'),
  });
}
