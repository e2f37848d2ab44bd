/**
 * Several saved runs read as one: each comparison's per-round ratios of every run, pooled, with their median and
 * the sign test's interval. One run of 5–16 rounds gives an interval too wide to tell a ratio of 0.82 from 0.78
 * on these shared cores; the rounds of five runs narrow it about twice as much. Which runs to pool, and the line
 * a pooled interval must clear, are decided before the runs, not after seeing them.
 */
import { formatRatio } from './format.ts';
import type { Mode } from './requests.ts';
import type { SavedRun } from './saved-results.ts';
import { median, medianInterval } from './stats.ts';
import { roundRatios, type RatioField } from './summary.ts';
import { TARGET_LABELS, type TargetName } from './targets.ts';

/** One pooled comparison: `a` ÷ `b` in `field`. */
interface Comparison {
  readonly a: TargetName;
  readonly b: TargetName;
  readonly field: RatioField;
}

/** What the summaries compare, in their order: issue 2's lines, then issue 5's. */
const COMPARISONS: readonly Comparison[] = [
  { a: 'daulat', b: 'minimal', field: 'requestsPerSecond' },
  { a: 'daulat', b: 'portkey', field: 'requestsPerSecond' },
  { a: 'daulat-workers', b: 'daulat', field: 'requestsPerSecond' },
  { a: 'daulat-full', b: 'daulat', field: 'requestsPerSecond' },
  { a: 'daulat-full', b: 'daulat', field: 'eventLoopMicrosPerRequest' },
  { a: 'daulat-full-uncached', b: 'daulat', field: 'requestsPerSecond' },
];

const FIELD_TEXT: Readonly<Record<RatioField, string>> = {
  requestsPerSecond: 'req/s',
  eventLoopMicrosPerRequest: 'event-loop CPU a request',
  cpuMicrosPerRequest: 'CPU a request',
  gcMicrosPerRequest: 'GC a request',
  majorGcMicrosPerRequest: 'old-generation GC a request',
  rssMiB: 'RSS',
};

/** The pooled ratio of one comparison in one mode: every run's rounds together. */
export interface PooledRatio {
  readonly rounds: number;
  readonly median: number;
  readonly low: number;
  readonly high: number;
  readonly coverage: number;
}

/** The per-round ratios of `comparison` in `mode` at `connections`, every run's in turn, finite ones only. */
export function pooledRounds(
  runs: readonly SavedRun[],
  comparison: Comparison,
  mode: Mode,
  connections: number,
): number[] {
  return runs.flatMap(({ results }) =>
    roundRatios(results, comparison.a, comparison.b, mode, connections, comparison.field).filter(
      Number.isFinite,
    ),
  );
}

/** Median and interval of pooled rounds; undefined with fewer than two. */
export function poolRatios(rounds: readonly number[]): PooledRatio | undefined {
  const interval = medianInterval(rounds);
  if (interval === undefined) return undefined;
  return { rounds: rounds.length, median: median(rounds), ...interval };
}

/** The highest connection count every run measured; undefined when they share none. */
export function sharedHighConnections(runs: readonly SavedRun[]): number | undefined {
  const [first, ...rest] = runs.map(({ results }) => new Set(results.options.connections));
  if (first === undefined) return undefined;
  const shared = [...first].filter((count) => rest.every((counts) => counts.has(count)));
  return shared.length === 0 ? undefined : Math.max(...shared);
}

function pooledText(pooled: PooledRatio): string {
  const percent = Math.floor(pooled.coverage * 1000) / 10;
  return `${formatRatio(pooled.median, 1)} over ${pooled.rounds} rounds (${percent}% interval ${formatRatio(
    pooled.low,
    1,
  )}–${formatRatio(pooled.high, 1)})`;
}

/** The pooled report of `runs`, as markdown lines. */
export function renderPooled(runs: readonly SavedRun[]): string[] {
  const connections = sharedHighConnections(runs);
  if (connections === undefined) return ['- The runs share no connection count: nothing to pool.'];
  const modes = (['json', 'stream'] as const).filter((mode) =>
    runs.every(({ results }) => results.options.modes.includes(mode)),
  );
  const lines = [
    `Pooled per-round ratios of ${runs.length} run${runs.length === 1 ? '' : 's'} at ${connections} connections ` +
      '(each round’s two targets ran seconds apart; the interval is the sign test’s over all the rounds):',
    '',
    ...runs.map(
      ({ path, results }) =>
        `- ${results.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${path}`,
    ),
    '',
  ];
  for (const comparison of COMPARISONS) {
    const perMode = modes.flatMap((mode) => {
      const pooled = poolRatios(pooledRounds(runs, comparison, mode, connections));
      return pooled === undefined ? [] : [`${mode === 'json' ? 'JSON' : 'stream'} ${pooledText(pooled)}`];
    });
    if (perMode.length === 0) continue;
    const label = `${TARGET_LABELS[comparison.a]} ÷ ${TARGET_LABELS[comparison.b]}, ${FIELD_TEXT[comparison.field]}`;
    lines.push(`- ${label}: ${perMode.join('; ')}`);
  }
  return lines;
}
