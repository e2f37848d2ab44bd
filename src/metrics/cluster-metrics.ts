/**
 * Metrics of a gateway run as several worker processes (`server.workers` > 1). Each worker counts on its own
 * registry; a scrape reaching any worker is relayed to the primary over cluster IPC, which collects every
 * listening worker's registry and merges them with prom-client's `AggregatorRegistry.aggregate` (each
 * metric's `aggregator`: sum unless it says otherwise). Aggregation happens only at scrape time.
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** How long a scrape waits for the workers' figures before it fails. */
export interface ClusterMetricsOptions {
  readonly timeoutMs?: number;
}

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

// Worker → primary: a scrape arrived. Primary → worker: send your registry. Then the answers back.
type Message =
  | { readonly type: 'daulat:metrics:scrape'; readonly id: number }
  | {
      readonly type: 'daulat:metrics:scraped';
      readonly id: number;
      readonly text?: string;
      readonly error?: string;
    }
  | { readonly type: 'daulat:metrics:collect'; readonly id: number }
  | {
      readonly type: 'daulat:metrics:collected';
      readonly id: number;
      readonly metrics?: MetricsJson;
      readonly error?: string;
    };

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Primary: answers workers' scrapes with the whole gateway's figures. Only workers that listen are asked, so
 * a worker still starting (or being replaced) neither holds up nor fails a scrape. Call before forking.
 */
export function serveClusterMetrics(options: ClusterMetricsOptions = {}): void {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const listening = new Set<Worker>();
  const collections = new Map<number, Collection>();
  let nextId = 0;
  cluster.on('listening', (worker) => listening.add(worker));
  cluster.on('exit', (worker) => listening.delete(worker));
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'daulat:metrics:collected') collections.get(message.id)?.answer(worker, message);
    else if (message.type === 'daulat:metrics:scrape') void answerScrape(worker, message.id);
  });

  async function answerScrape(worker: Worker, id: number): Promise<void> {
    try {
      reply(worker, { type: 'daulat:metrics:scraped', id, text: await aggregate() });
    } catch (error) {
      reply(worker, { type: 'daulat:metrics:scraped', id, error: errorText(error) });
    }
  }

  async function aggregate(): Promise<string> {
    const workers = [...listening].filter((worker) => worker.isConnected());
    const id = nextId++;
    const answers = await new Promise<MetricsJson[]>((resolve, reject) => {
      collections.set(
        id,
        new Collection(workers.length, timeoutMs, (error, collected) => {
          collections.delete(id);
          if (error === undefined) resolve(collected);
          else reject(error);
        }),
      );
      for (const worker of workers) worker.send({ type: 'daulat:metrics:collect', id } satisfies Message);
    });
    return AggregatorRegistry.aggregate(answers).metrics();
  }
}

type Collected = Extract<Message, { type: 'daulat:metrics:collected' }>;

/**
 * One scrape's answers from the workers; settles once when all have answered, one has failed or time ran
 * out. A partial sum is never served: counters that dip and recover would read as resets to Prometheus.
 */
class Collection {
  readonly #answers: MetricsJson[] = [];
  readonly #expected: number;
  readonly #timer: NodeJS.Timeout;
  #settle: ((error: Error | undefined, answers: MetricsJson[]) => void) | undefined;

  constructor(
    expected: number,
    timeoutMs: number,
    settle: (error: Error | undefined, answers: MetricsJson[]) => void,
  ) {
    this.#expected = expected;
    this.#settle = settle;
    this.#timer = setTimeout(() => {
      const missing = this.#expected - this.#answers.length;
      this.#finish(new Error(`${missing} of ${expected} workers did not answer in ${timeoutMs} ms`));
    }, timeoutMs);
    if (expected === 0) this.#finish(undefined);
  }

  answer(worker: Worker, message: Collected): void {
    if (message.metrics === undefined) {
      this.#finish(new Error(`worker ${worker.process.pid ?? '?'}: ${message.error ?? 'no metrics'}`));
      return;
    }
    this.#answers.push(message.metrics);
    if (this.#answers.length === this.#expected) this.#finish(undefined);
  }

  #finish(error: Error | undefined): void {
    clearTimeout(this.#timer);
    this.#settle?.(error, this.#answers);
    this.#settle = undefined;
  }
}

/**
 * Worker: lets the primary collect `registry`, and returns the render for `/metrics`, which asks the primary
 * for the aggregate of every worker. Rejects when the primary does not answer within the timeout.
 */
export function joinClusterMetrics(
  registry: Registry,
  options: ClusterMetricsOptions = {},
): () => Promise<string> {
  // The primary waits up to the timeout for the workers; this process waits a little longer for the primary.
  const timeoutMs = (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 1_000;
  const waiting = new Map<number, (message: Extract<Message, { type: 'daulat:metrics:scraped' }>) => void>();
  let nextId = 0;
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'daulat:metrics:scraped') waiting.get(message.id)?.(message);
    if (message.type === 'daulat:metrics:collect') {
      registry
        .getMetricsAsJSON()
        .then((metrics) => send({ type: 'daulat:metrics:collected', id: message.id, metrics }))
        .catch((error: unknown) =>
          send({ type: 'daulat:metrics:collected', id: message.id, error: errorText(error) }),
        );
    }
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`the primary process did not answer in ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, (message) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (message.text !== undefined) resolve(message.text);
        else reject(new Error(message.error ?? 'no metrics'));
      });
      send({ type: 'daulat:metrics:scrape', id });
    });
}

function send(message: Message): void {
  process.send?.(message);
}

function reply(worker: Worker, message: Message): void {
  if (worker.isConnected()) worker.send(message);
}

function isMessage(message: unknown): message is Message {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('daulat:metrics:');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
