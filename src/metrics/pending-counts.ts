/**
 * What finished requests add to the request, token and cost counters, summed per label set until a scrape.
 * prom-client builds a label-set string and looks it up on every `inc` (~0.5 µs); six of those per request
 * were the bulk of the metrics' cost at thousands of requests a second. A request instead adds to its
 * series here (one lookup), and each counter's `collect` hands the sums to prom-client when it is read, so a
 * scrape sees every request that finished before it, as before. `PendingPairs` does the same for a counter
 * of two labels that every request adds to (upstream attempts).
 */
import type { Counter } from 'prom-client';
import { LabelTree } from './label-tree.ts';

/** The token classes of `daulat_tokens_total`, in the order of `RequestSeries.tokens`. */
const TOKEN_CLASSES = ['input', 'cached_input', 'output', 'reasoning'] as const;

/** One label set's sums since the last scrape. */
export interface RequestSeries {
  requests: number;
  /** Input, cached input, output and reasoning tokens, as in TOKEN_CLASSES. */
  readonly tokens: [number, number, number, number];
  costUsd: number;
}

interface Series extends RequestSeries {
  readonly requestLabels: Record<'operation' | 'model' | 'deployment' | 'status' | 'stream', string>;
  readonly model: string;
  readonly deployment: string;
  readonly team: string;
}

/** A label set's series, made the first time a request adds to it. */
function newSeries([operation, model, deployment, status, stream, team]: readonly string[]): Series {
  return {
    requestLabels: {
      operation: operation!,
      model: model!,
      deployment: deployment!,
      status: status!,
      stream: stream!,
    },
    model: model!,
    deployment: deployment!,
    team: team!,
    requests: 0,
    tokens: [0, 0, 0, 0],
    costUsd: 0,
  };
}

/** The series of every label set seen so far (as many as prom-client itself keeps). */
export class PendingCounts {
  readonly #series = new LabelTree<Series>(6);

  /** The series to add a finished request to. */
  series(
    operation: string,
    model: string,
    deployment: string,
    status: string,
    stream: string,
    team: string,
  ): RequestSeries {
    return this.#series.at(newSeries, operation, model, deployment, status, stream, team);
  }

  drainRequests(counter: Counter<'operation' | 'model' | 'deployment' | 'status' | 'stream'>): void {
    for (const series of this.#series.values()) {
      if (series.requests === 0) continue;
      counter.inc(series.requestLabels, series.requests);
      series.requests = 0;
    }
  }

  drainTokens(counter: Counter<'model' | 'deployment' | 'class'>): void {
    for (const series of this.#series.values()) {
      for (let index = 0; index < TOKEN_CLASSES.length; index++) {
        const count = series.tokens[index] ?? 0;
        if (count === 0) continue;
        counter.inc(
          { model: series.model, deployment: series.deployment, class: TOKEN_CLASSES[index] },
          count,
        );
        series.tokens[index] = 0;
      }
    }
  }

  drainCost(counter: Counter<'model' | 'deployment' | 'team'>): void {
    for (const series of this.#series.values()) {
      if (series.costUsd === 0) continue;
      counter.inc({ model: series.model, deployment: series.deployment, team: series.team }, series.costUsd);
      series.costUsd = 0;
    }
  }
}

/** A two-label counter's increments, summed per label pair until a scrape hands them to prom-client. */
export class PendingPairs<A extends string, B extends string> {
  readonly #series = new LabelTree<{ readonly labels: Record<A | B, string>; count: number }>(2);
  readonly #make: (values: readonly string[]) => { readonly labels: Record<A | B, string>; count: number };

  constructor(first: A, second: B) {
    this.#make = ([firstValue, secondValue]) => ({
      labels: { [first]: firstValue, [second]: secondValue } as Record<A | B, string>,
      count: 0,
    });
  }

  add(first: string, second: string, amount = 1): void {
    this.#series.at(this.#make, first, second).count += amount;
  }

  drain(counter: Counter<A | B>): void {
    for (const series of this.#series.values()) {
      if (series.count === 0) continue;
      counter.inc(series.labels, series.count);
      series.count = 0;
    }
  }
}
