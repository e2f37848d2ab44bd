/**
 * How long a Daulat target's event loop stood still for garbage collection, read from its own /metrics
 * (prom-client's `nodejs_gc_duration_seconds`, which Daulat exposes as `daulat_nodejs_gc_duration_seconds`):
 * read before and after a measured run, the difference divided by the responses gives the collector's share of
 * a request. Bare and all on differ in what each request allocates and keeps alive while it runs, and so in how
 * often and how long the collector pauses; this makes that part of the difference visible in every run.
 */
import { createRequire } from 'node:module';

/** The histogram, and its sum series: its `kind` label is minor, major, incremental or weakcb. */
const GC_HISTOGRAM = 'daulat_nodejs_gc_duration_seconds';
const GC_SUM = `${GC_HISTOGRAM}_sum`;

/** Seconds of collection so far: all kinds, and the old generation's (major and incremental marking). */
export interface GcSeconds {
  readonly total: number;
  readonly major: number;
}

/** Where a target serves its metrics, and the headers that may read them. */
export interface MetricsEndpoint {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

interface ParsedFamily {
  readonly name: string;
  readonly metrics: readonly { readonly labels?: Record<string, string>; readonly value?: string }[];
}

const parsePrometheusText = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => ParsedFamily[];

/**
 * The collection seconds in a Prometheus text exposition; throws when the histogram is missing. The comment
 * lines are dropped first: the parser loses the labels of a labelled histogram's sum (its issue #13), and
 * without them it reads each line as an untyped sample, labels and all.
 */
export function gcSecondsOf(text: string): GcSeconds {
  const samples = text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  // Read untyped, a series interrupted by another (each sum sits between its kind's buckets and count) comes
  // back as several families of one name.
  const series = parsePrometheusText(samples)
    .filter((family) => family.name === GC_SUM)
    .flatMap((family) => family.metrics);
  // Declared but empty until the process's first collection is observed.
  if (series.length === 0 && !text.includes(`# TYPE ${GC_HISTOGRAM} histogram`))
    throw new Error(`the metrics have no ${GC_HISTOGRAM}`);
  let total = 0;
  let major = 0;
  for (const metric of series) {
    const seconds = Number(metric.value);
    if (!Number.isFinite(seconds))
      throw new Error(`${GC_SUM} has a value that is not a number: ${metric.value}`);
    total += seconds;
    const kind = metric.labels?.kind;
    if (kind === 'major' || kind === 'incremental') major += seconds;
  }
  return { total, major };
}

/** Scrapes `endpoint` and reads its collection seconds; throws naming the URL on any failure. */
export async function readGcSeconds(endpoint: MetricsEndpoint): Promise<GcSeconds> {
  try {
    const response = await fetch(endpoint.url, { headers: endpoint.headers });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
    return gcSecondsOf(text);
  } catch (error) {
    throw new Error(`reading ${endpoint.url}: ${(error as Error).message}`, { cause: error });
  }
}
