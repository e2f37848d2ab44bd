/**
 * Prometheus metrics: a recorder that counts and times every finished request, gauges read from the
 * router at scrape time, and prom-client's process metrics, all on one private registry (`daulat_` prefix).
 * In a cluster worker, a scrape renders the whole gateway's figures, aggregated by the primary.
 */
import cluster from 'node:cluster';
import { collectDefaultMetrics, Counter, Gauge, Registry, type Aggregator } from 'prom-client';
import { joinClusterMetrics } from './cluster-metrics.ts';
import { PendingCounts, PendingPairs } from './pending-counts.ts';
import { SeriesHistogram } from './series-histogram.ts';
import type { RequestRecord } from '../gateway/request-record.ts';
import type { Router } from '../router/router.ts';

/** The gateway's metrics: feed `record` from the request recorder, serve `render()` on `/metrics`. */
export interface Metrics {
  /** A private registry, never prom-client's global one. */
  readonly registry: Registry;
  /** A RequestRecorder: counts and times one finished request; `costUsd` is what the ledger charged. */
  record(record: RequestRecord, costUsd: number): void;
  /** The text exposition (content type in `contentType`); in a cluster worker, of every worker together. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** One deployment's live state as the gauges report it. */
export interface DeploymentGauges {
  readonly name: string;
  readonly queued: number;
  readonly inFlight: number;
  readonly healthy: boolean;
}

/** One of the store's batch writers (the ledger, the audit log) as the metrics report it; counts since start. */
export interface StoreWriterGauges {
  readonly writer: 'ledger' | 'audit';
  /** Rows waiting to be written. */
  readonly pending: number;
  /** Writes that failed (their rows kept and retried). */
  readonly failures: number;
  /** Rows dropped: the database refused them for good, or too many waited while it failed. */
  readonly refused: number;
  readonly overflowed: number;
}

/** What the gauges read at scrape time. */
export interface MetricsSources {
  /** Current queue depth and in-flight count per deployment, and whether it is healthy. */
  deployments(): readonly DeploymentGauges[];
  /** The store's writers; none for a gateway without a store. */
  storeWriters?(): readonly StoreWriterGauges[];
}

/** Tuning for tests and unusual deployments. */
export interface MetricsOptions {
  /** Distinct values kept per free-text label (model, deployment, team, scanner, category); later ones become `other`. */
  readonly maxLabelValues?: number;
}

/** The value a capped label takes once it has seen `maxLabelValues` distinct values. */
export const OTHER_LABEL_VALUE = 'other';
/** The value of `deployment` or `team` when a request had none (refused before routing, no virtual key). */
export const NONE_LABEL_VALUE = 'none';

// LLM calls span a cached 5 ms embedding to a two-minute generation; finer steps where answers cluster.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];
const FIRST_TOKEN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

/** Builds the metrics on a fresh registry; `sources` is read on every scrape. */
export function createMetrics(sources: MetricsSources, options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'daulat_' });
  const limit = options.maxLabelValues ?? 1000;
  const labels = {
    model: new CappedLabel(limit),
    deployment: new CappedLabel(limit),
    team: new CappedLabel(limit),
    scanner: new CappedLabel(limit),
    category: new CappedLabel(limit),
  };
  const instruments = createInstruments(registry);
  registerGauges(registry, sources, labels.deployment);
  registerStoreWriters(registry, sources);
  return {
    registry,
    contentType: registry.contentType,
    // One process renders its own registry: no IPC on the single-process path.
    render: cluster.isWorker ? joinClusterMetrics(registry) : () => registry.metrics(),
    record: (record, costUsd) => observe(instruments, labels, record, costUsd),
  };
}

/**
 * The store's writers, read at scrape time: a ledger that cannot write shows as pending rows that grow and
 * failures that count up, not only as a log line. Counts are the writers' own totals since start, so the counters
 * add what changed since the last scrape.
 */
function registerStoreWriters(registry: Registry, sources: MetricsSources): void {
  const writers = (): readonly StoreWriterGauges[] => sources.storeWriters?.() ?? [];
  new Gauge({
    name: 'daulat_store_pending_rows',
    help: 'Ledger rows and audit entries waiting to be written to the store.',
    labelNames: ['writer'] as const,
    registers: [registry],
    collect() {
      for (const state of writers()) this.set({ writer: state.writer }, state.pending);
    },
  });
  const seen = new Map<string, number>();
  /** Adds to `counter` what `total` grew by since the last scrape (0 the first time: every series is shown). */
  const advance = (counter: Counter<string>, key: string, labels: Record<string, string>, total: number) => {
    counter.inc(labels, Math.max(0, total - (seen.get(key) ?? 0)));
    seen.set(key, total);
  };
  new Counter({
    name: 'daulat_store_write_failures_total',
    help: 'Writes to the store that failed; their rows are kept and written again.',
    labelNames: ['writer'] as const,
    registers: [registry],
    collect() {
      for (const state of writers())
        advance(this, `failures:${state.writer}`, { writer: state.writer }, state.failures);
    },
  });
  new Counter({
    name: 'daulat_store_dropped_rows_total',
    help: 'Rows never written: refused by the database for good, or beyond the rows that may wait while it fails.',
    labelNames: ['writer', 'reason'] as const,
    registers: [registry],
    collect() {
      for (const state of writers()) {
        advance(this, `refused:${state.writer}`, { writer: state.writer, reason: 'refused' }, state.refused);
        advance(
          this,
          `overflow:${state.writer}`,
          { writer: state.writer, reason: 'overflow' },
          state.overflowed,
        );
      }
    },
  });
}

/** Adapts the router's `/status` lines: a deployment is up while its health check passes and its breaker admits. */
export function routerMetricsSources(router: Pick<Router, 'status'>): MetricsSources {
  return {
    deployments: () =>
      router.status().map((status) => ({
        name: status.name,
        queued: status.queued,
        inFlight: status.outstanding,
        healthy: status.healthy && status.breaker !== 'open',
      })),
  };
}

/** Keeps one label's distinct values bounded, so made-up names cannot grow the series count without limit. */
class CappedLabel {
  readonly #seen = new Set<string>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  value(raw: string | undefined): string {
    const value = raw === undefined || raw === '' ? NONE_LABEL_VALUE : raw;
    if (this.#seen.has(value)) return value;
    if (this.#seen.size >= this.#limit) return OTHER_LABEL_VALUE;
    this.#seen.add(value);
    return value;
  }
}

type Labels = Readonly<Record<'model' | 'deployment' | 'team' | 'scanner' | 'category', CappedLabel>>;
type Instruments = ReturnType<typeof createInstruments>;

function createInstruments(registry: Registry) {
  const registers = [registry];
  const pending = new PendingCounts();
  const pendingAttempts = new PendingPairs('deployment', 'code');
  return {
    pending,
    pendingAttempts,
    requests: new Counter({
      name: 'daulat_requests_total',
      help: 'Finished requests; status is ok, cancelled or the error code.',
      labelNames: ['operation', 'model', 'deployment', 'status', 'stream'] as const,
      registers,
      collect() {
        pending.drainRequests(this);
      },
    }),
    duration: new SeriesHistogram({
      name: 'daulat_request_duration_seconds',
      help: "From a request's arrival to its last byte.",
      buckets: DURATION_BUCKETS,
      labelNames: ['operation', 'model', 'deployment', 'stream', 'outcome'],
      registry,
    }),
    firstToken: new SeriesHistogram({
      name: 'daulat_time_to_first_token_seconds',
      help: "From a streamed request's arrival to its first generated token.",
      buckets: FIRST_TOKEN_BUCKETS,
      labelNames: ['operation', 'model', 'deployment'],
      registry,
    }),
    tokens: new Counter({
      name: 'daulat_tokens_total',
      help: 'Tokens as the upstream reported them; cached_input is part of input, reasoning part of output.',
      labelNames: ['model', 'deployment', 'class'] as const,
      registers,
      collect() {
        pending.drainTokens(this);
      },
    }),
    cost: new Counter({
      name: 'daulat_cost_usd_total',
      help: 'What the ledger charged, in US dollars.',
      labelNames: ['model', 'deployment', 'team'] as const,
      registers,
      collect() {
        pending.drainCost(this);
      },
    }),
    guardActions: new Counter({
      name: 'daulat_guardrail_actions_total',
      help: 'Guardrail decisions (flag, redact, block) on requests and answers.',
      labelNames: ['scanner', 'category', 'action', 'direction'] as const,
      registers,
    }),
    attempts: new Counter({
      name: 'daulat_upstream_attempts_total',
      help: 'Attempts (and skips) at deployments; code is ok or the error code.',
      labelNames: ['deployment', 'code'] as const,
      registers,
      collect() {
        pendingAttempts.drain(this);
      },
    }),
    failovers: new Counter({
      name: 'daulat_upstream_failovers_total',
      help: 'Upstream attempts (and skips) beyond the first: retries and fallbacks to another deployment.',
      labelNames: ['model'] as const,
      registers,
    }),
  };
}

function registerGauges(registry: Registry, sources: MetricsSources, deployment: CappedLabel): void {
  const gauge = (
    name: string,
    help: string,
    read: (state: DeploymentGauges) => number,
    aggregator: Aggregator = 'sum',
  ): void => {
    new Gauge({
      name,
      help,
      labelNames: ['deployment'] as const,
      registers: [registry],
      aggregator,
      collect() {
        // Reset first so a deployment that disappeared from the sources stops being reported.
        this.reset();
        for (const state of sources.deployments())
          this.set({ deployment: deployment.value(state.name) }, read(state));
      },
    });
  };
  gauge(
    'daulat_deployment_queued_requests',
    'Requests waiting for a concurrency slot.',
    (state) => state.queued,
  );
  gauge(
    'daulat_deployment_in_flight_requests',
    'Requests holding a concurrency slot.',
    (state) => state.inFlight,
  );
  // Each worker has its own health view and breakers; across workers, up is the minimum: 0 as soon as one
  // worker has taken the deployment out of rotation, so an alert on it fires while part of the traffic
  // cannot reach it.
  gauge(
    'daulat_deployment_up',
    '1 while the deployment takes traffic, 0 while it is unhealthy.',
    (state) => (state.healthy ? 1 : 0),
    'min',
  );
}

function observe(instruments: Instruments, labels: Labels, record: RequestRecord, costUsd: number): void {
  const model = labels.model.value(record.model);
  const deployment = labels.deployment.value(record.deployment);
  const stream = record.stream ? 'true' : 'false';
  const status = record.outcome === 'error' ? (record.errorCode ?? 'error') : record.outcome;
  const team = labels.team.value(record.tenant?.team);
  const series = instruments.pending.series(record.operation, model, deployment, status, stream, team);
  series.requests += 1;
  series.tokens[0] += positive(record.promptTokens);
  series.tokens[1] += positive(record.cachedPromptTokens);
  series.tokens[2] += positive(record.completionTokens);
  series.tokens[3] += positive(record.reasoningTokens);
  series.costUsd += positive(costUsd);
  const { operation, outcome } = record;
  const { duration, firstToken } = instruments;
  const durationSeries = duration.series(operation, model, deployment, stream, outcome);
  duration.observe(durationSeries, seconds(record.latencyMs));
  if (record.stream && record.timeToFirstTokenMs !== undefined) {
    const series = firstToken.series(operation, model, deployment);
    firstToken.observe(series, seconds(record.timeToFirstTokenMs));
  }
  observeGuardAndAttempts(instruments, labels, record, model);
}

function observeGuardAndAttempts(
  instruments: Instruments,
  labels: Labels,
  record: RequestRecord,
  model: string,
): void {
  for (const event of record.guardEvents) {
    instruments.guardActions.inc({
      scanner: labels.scanner.value(event.scanner),
      category: labels.category.value(event.category),
      action: event.action,
      direction: event.direction,
    });
  }
  for (const attempt of record.attempts) {
    instruments.pendingAttempts.add(labels.deployment.value(attempt.deployment), attempt.code);
  }
  if (record.attempts.length > 1) instruments.failovers.inc({ model }, record.attempts.length - 1);
}

/** A count or amount prom-client accepts (finite, not negative); anything else counts as 0. */
function positive(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function seconds(milliseconds: number): number {
  return positive(milliseconds) / 1000;
}
