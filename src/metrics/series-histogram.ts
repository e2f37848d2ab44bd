/**
 * A Prometheus histogram observed through a series handle. prom-client's `Histogram.observe` wraps its
 * labels, validates them, sorts and joins them into a hash and looks that up on every call (~1 µs and a
 * closure); the request histograms take one observation per request, so the gateway found its series once
 * per request instead, by a key it builds from labels it already holds, and adds to plain arrays.
 *
 * It is a prom-client metric all the same: registered on the registry, rendered by `registry.metrics()`,
 * and summed across cluster workers by the primary's AggregatorRegistry, from what `get()` returns — the
 * shape prom-client's own histograms return (`_bucket` with `le`, `_sum`, `_count`).
 */
import type { Registry } from 'prom-client';
import { LabelTree } from './label-tree.ts';

/** One label set's counts: per bucket (not cumulative; the last is +Inf), their sum and their count. */
export interface HistogramSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly buckets: number[];
  sum: number;
  count: number;
}

/** A sample as prom-client's registry renders and aggregates it. */
interface Sample {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
}

/** What the registry reads. */
interface HistogramData {
  readonly name: string;
  readonly help: string;
  readonly type: 'histogram';
  readonly aggregator: 'sum';
  readonly values: Sample[];
}

/** Defines the histogram: its name, help, upper bounds (ascending) and the registry that renders it. */
export interface SeriesHistogramOptions {
  readonly name: string;
  readonly help: string;
  readonly buckets: readonly number[];
  /** The names of the label values `series` takes, in that order. */
  readonly labelNames: readonly string[];
  readonly registry: Registry;
}

export class SeriesHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  readonly #bounds: readonly number[];
  readonly #series: LabelTree<HistogramSeries>;
  readonly #make: (values: readonly string[]) => HistogramSeries;

  constructor(options: SeriesHistogramOptions) {
    this.name = options.name;
    this.help = options.help;
    this.#bounds = options.buckets;
    const { labelNames } = options;
    this.#series = new LabelTree(labelNames.length);
    this.#make = (values) => {
      const labels: Record<string, string> = {};
      labelNames.forEach((name, index) => (labels[name] = values[index]!));
      return { labels, buckets: new Array<number>(this.#bounds.length + 1).fill(0), sum: 0, count: 0 };
    };
    // The registry takes any object with a name and `get()`; its types only name prom-client's classes.
    options.registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  /** The series of these label values (in `labelNames` order), made the first time. */
  series(...labels: string[]): HistogramSeries {
    return this.#series.at(this.#make, ...labels);
  }

  /** Adds `value` to `series`. */
  observe(series: HistogramSeries, value: number): void {
    const bounds = this.#bounds;
    let index = 0;
    while (index < bounds.length && value > bounds[index]!) index++;
    series.buckets[index]! += 1;
    series.sum += value;
    series.count += 1;
  }

  /** The samples, as prom-client's registry reads them. */
  get(): HistogramData {
    const values: Sample[] = [];
    const bucket = `${this.name}_bucket`;
    for (const { labels, buckets, sum, count } of this.#series.values()) {
      let cumulative = 0;
      this.#bounds.forEach((bound, index) => {
        cumulative += buckets[index]!;
        values.push({ metricName: bucket, labels: { ...labels, le: bound }, value: cumulative });
      });
      values.push({ metricName: bucket, labels: { ...labels, le: '+Inf' }, value: count });
      values.push({ metricName: `${this.name}_sum`, labels, value: sum });
      values.push({ metricName: `${this.name}_count`, labels, value: count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** Forgets every series (the registry's `resetMetrics`). */
  reset(): void {
    this.#series.clear();
  }
}
