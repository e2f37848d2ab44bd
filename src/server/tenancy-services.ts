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
import { createLimiter, type Limiter } from '../limits/limiter.ts';
import { createBatchWriter, type BatchWriter } from '../store/batch-writer.ts';
import { openDatabase } from '../store/database.ts';
import { createSqlStore } from '../store/sql-store.ts';
import type { AuditEvent, LedgerEntry, Store } from '../store/store.ts';
import { createKeyring, type Keyring } from '../tenancy/keyring.ts';
import { createTenancy, type Tenancy } from '../tenancy/tenancy.ts';

/** The tenancy side of a running gateway. */
export interface TenancyServices {
  readonly store: Store;
  readonly keyring: Keyring;
  readonly tenancy: Tenancy;
  readonly ledger: BatchWriter<LedgerEntry>;
  readonly audit: BatchWriter<AuditEvent>;
  readonly costs: CostModel;
  readonly limits: LimitStage;
  /** The reference model for a team (its own, else the gateway's default). */
  referenceModel(team: string | undefined): string;
  /** Flushes the ledger and audit log, then closes the limiter and the store. */
  close(): Promise<void>;
}

/** Opens the store (running migrations) and builds the services over it. */
export async function createTenancyServices(config: Config, logger: Logger): Promise<TenancyServices> {
  const database = await openDatabase({
    url: config.store.url,
    ...(config.store.schema === undefined ? {} : { schema: config.store.schema }),
  });
  logger.debug({ store: database.description }, 'store opened');
  const store = createSqlStore(database);
  let limiter: Limiter | undefined;
  try {
    const keyring = createKeyring(store, {
      refreshMs: config.store.key_refresh_ms,
      onRefreshError: (error) => logger.warn({ err: error }, 'key cache refresh failed'),
    });
    await keyring.start();
    const writerOptions = {
      flushMs: config.ledger.flush_ms,
      batchSize: config.ledger.batch_size,
      onError: (error: unknown, rows: number) =>
        logger.error({ err: error, pending: rows }, 'store write failed; rows kept for the next attempt'),
    };
    const ledger = createBatchWriter<LedgerEntry>({
      ...writerOptions,
      sink: (rows) => store.recordUsage(rows),
    });
    const audit = createBatchWriter<AuditEvent>({
      ...writerOptions,
      sink: (rows) => store.appendAudit(rows),
    });
    const catalog = await loadPriceCatalog(config.accounting.prices_file);
    if (catalog.price(config.accounting.reference_model) === undefined) {
      throw new ConfigError(
        `accounting.reference_model: '${config.accounting.reference_model}' is not in the price catalog ${catalog.source}`,
      );
    }
    const costs = createCostModel({ deployments: config.deployments, catalog });
    limiter = await createLimiter({
      ...(config.limits.redis_url === undefined ? {} : { redisUrl: config.limits.redis_url }),
      keyPrefix: config.limits.key_prefix,
      spend: (scope, since) => store.spend(scope, since),
      onError: (error) => logger.warn({ err: error }, 'limiter error'),
    });
    const limits = createLimitStage({
      limiter,
      costs,
      defaultOutputTokens: config.limits.default_output_tokens,
      onError: (error) => logger.warn({ err: error }, 'settling limits failed'),
    });
    const openedLimiter = limiter;
    return {
      store,
      keyring,
      tenancy: createTenancy(store, keyring, {
        audit: (events) => store.appendAudit(events),
        isPricedModel: (model) => catalog.price(model) !== undefined,
      }),
      ledger,
      audit,
      costs,
      limits,
      referenceModel: (team) =>
        (team === undefined ? undefined : keyring.team(team)?.referenceModel) ??
        config.accounting.reference_model,
      async close() {
        keyring.close();
        const flushed = await Promise.allSettled([ledger.close(), audit.close()]);
        for (const result of flushed)
          if (result.status === 'rejected') logger.error({ err: result.reason }, 'final store flush failed');
        await openedLimiter.close();
        await store.close();
      },
    };
  } catch (error) {
    await limiter?.close();
    await store.close();
    throw error;
  }
}
