/** The headline comparisons of the gateway bench: Daulat against the minimal proxy and Portkey. */
import type { Mode } from './requests.ts';
import type { CellResult, GatewayBenchResults, TtftResult } from './results.ts';
import { formatInteger, formatMicros, formatMs, formatRatio } from './format.ts';
import { median, medianInterval } from './stats.ts';
import type { TargetName } from './targets.ts';

/** A sample's field that two targets are compared in. */
export type RatioField =
  | 'requestsPerSecond'
  | 'cpuMicrosPerRequest'
  | 'eventLoopMicrosPerRequest'
  | 'gcMicrosPerRequest'
  | 'majorGcMicrosPerRequest'
  | 'rssMiB';

function findCell(
  results: GatewayBenchResults,
  target: TargetName,
  mode: Mode,
  connections: number,
): CellResult | undefined {
  return results.cells.find(
    (cell) =>
      cell.target === target && cell.scenario.mode === mode && cell.scenario.connections === connections,
  );
}

/** The median across rounds of `field`, NaN when the cell failed or was not measured. */
function cellMedian(
  results: GatewayBenchResults,
  target: TargetName,
  mode: Mode,
  connections: number,
  field: RatioField,
): number {
  const cell = findCell(results, target, mode, connections);
  return cell === undefined || cell.failure !== undefined
    ? Number.NaN
    : median(cell.samples.map((sample) => sample[field]));
}

/** The median across rounds of the added p50 over direct, NaN when missing. */
function addedMedian(
  results: GatewayBenchResults,
  target: TargetName,
  mode: Mode,
  connections: number,
): number {
  const cell = findCell(results, target, mode, connections);
  return cell === undefined || cell.failure !== undefined ? Number.NaN : median(cell.addedP50Ms);
}

/** The median across rounds of a target's TTFT p50, NaN when missing. */
function ttftMedian(results: GatewayBenchResults, target: TargetName): number {
  const result: TtftResult | undefined = results.ttft.find((candidate) => candidate.target === target);
  return result === undefined || result.failure !== undefined ? Number.NaN : median(result.firstTokenP50Ms);
}

/**
 * `a` ÷ `b` in each round, where both were measured: the two runs of a round are seconds apart, so the
 * machine's drift between rounds (on these shared cores, up to 2× within a minute) cancels out of each pair.
 */
export function roundRatios(
  results: GatewayBenchResults,
  a: TargetName,
  b: TargetName,
  mode: Mode,
  connections: number,
  field: RatioField,
): number[] {
  const [top, bottom] = [findCell(results, a, mode, connections), findCell(results, b, mode, connections)];
  if (top === undefined || bottom === undefined) return [];
  const rounds = Math.min(top.samples.length, bottom.samples.length);
  return Array.from(
    { length: rounds },
    (_, round) =>
      (top.samples[round]?.[field] ?? Number.NaN) / (bottom.samples[round]?.[field] ?? Number.NaN),
  );
}

/** `a` − `b` in `field`, round by round (as `roundRatios`), where both were measured. */
function roundDifferences(
  results: GatewayBenchResults,
  a: TargetName,
  b: TargetName,
  mode: Mode,
  connections: number,
  field: RatioField,
): number[] {
  const [top, bottom] = [findCell(results, a, mode, connections), findCell(results, b, mode, connections)];
  if (top === undefined || bottom === undefined) return [];
  const rounds = Math.min(top.samples.length, bottom.samples.length);
  return Array.from(
    { length: rounds },
    (_, round) =>
      (top.samples[round]?.[field] ?? Number.NaN) - (bottom.samples[round]?.[field] ?? Number.NaN),
  ).filter(Number.isFinite);
}

/** `field` of `a` ÷ `b` (req/s unless said): the ratio of the medians, then each round's ratio and their median. */
function targetRatio(
  results: GatewayBenchResults,
  a: TargetName,
  b: TargetName,
  mode: Mode,
  connections: number,
  field: RatioField = 'requestsPerSecond',
): string {
  const ofMedians = formatRatio(
    cellMedian(results, a, mode, connections, field),
    cellMedian(results, b, mode, connections, field),
  );
  const rounds = roundRatios(results, a, b, mode, connections, field);
  if (rounds.length < 2) return ofMedians;
  const each = rounds.map((ratio) => formatRatio(ratio, 1)).join(', ');
  return `${ofMedians} (per round ${each}: median ${formatRatio(median(rounds), 1)}${intervalText(rounds)})`;
}

/**
 * Where the per-round median could be, given how the rounds scattered: the sign test's interval (stats.ts), so a
 * reader can tell a ratio that is over a line from one the noise could put on either side of it.
 */
function intervalText(rounds: readonly number[]): string {
  const interval = medianInterval(rounds);
  if (interval === undefined) return '';
  const percent = Math.floor(interval.coverage * 1000) / 10;
  return `, ${percent}% interval ${formatRatio(interval.low, 1)}–${formatRatio(interval.high, 1)}`;
}

function perMode(results: GatewayBenchResults, render: (mode: Mode) => string): string {
  return results.options.modes
    .map((mode) => `${mode === 'json' ? 'JSON' : 'stream'} ${render(mode)}`)
    .join('; ');
}

function addedLine(results: GatewayBenchResults, low: number): string {
  return `- Daulat added p50 at ${low} connection${low === 1 ? '' : 's'}, vs the minimal proxy's: ${perMode(
    results,
    (mode) => {
      const daulat = addedMedian(results, 'daulat', mode, low);
      const minimal = addedMedian(results, 'minimal', mode, low);
      return `${formatMs(daulat, true)} ms vs ${formatMs(minimal, true)} ms (${formatRatio(daulat, minimal)})`;
    },
  )}`;
}

function ttftLine(results: GatewayBenchResults): string {
  const daulat = ttftMedian(results, 'daulat');
  const minimal = ttftMedian(results, 'minimal');
  return `- Daulat TTFT − minimal proxy TTFT: ${formatMs(daulat - minimal, true)} ms (${formatMs(daulat)} vs ${formatMs(minimal)} ms)`;
}

function cpuLine(results: GatewayBenchResults, high: number): string {
  return `- Daulat CPU per request at ${high} connections: ${perMode(results, (mode) => {
    const daulat = cellMedian(results, 'daulat', mode, high, 'cpuMicrosPerRequest');
    const minimal = cellMedian(results, 'minimal', mode, high, 'cpuMicrosPerRequest');
    return `${formatInteger(daulat)} µs (minimal proxy ${formatInteger(minimal)} µs, ${formatRatio(daulat, minimal)})`;
  })}`;
}

function throughputLine(results: GatewayBenchResults, high: number): string {
  const ratio = (other: TargetName) => (mode: Mode) => targetRatio(results, 'daulat', other, mode, high);
  return `- Daulat req/s at ${high} connections ÷ Portkey's: ${perMode(results, ratio('portkey'))}; ÷ the minimal proxy's: ${perMode(results, ratio('minimal'))}`;
}

function rssLine(results: GatewayBenchResults): string {
  const samples = results.cells
    .filter((cell) => cell.target === 'daulat')
    .flatMap((cell) => cell.samples.map((sample) => sample.rssMiB));
  const peak = results.targets.find((target) => target.name === 'daulat')?.peakMiB ?? Number.NaN;
  const largest = samples.length === 0 ? Number.NaN : Math.max(...samples);
  return `- Daulat RSS under load: up to ${formatInteger(largest)} MiB sampled VmRSS (VmHWM at the end: ${formatInteger(peak)} MiB)`;
}

/** Whether throughput scales with cores: bare Daulat with a worker per core against one process, same run. */
function workersLine(results: GatewayBenchResults, high: number): string[] {
  const workers = results.targets.find((target) => target.name === 'daulat-workers');
  if (workers === undefined || workers.skipped !== undefined) return [];
  const ratio = perMode(results, (mode) => targetRatio(results, 'daulat-workers', 'daulat', mode, high));
  return [`- A worker per core ÷ one process, req/s at ${high} connections: ${ratio}`];
}

/** Issue 5's figures: what auth, limits, guardrails and the ledger add over the bare gateway, same run. */
function fullLines(results: GatewayBenchResults, low: number, high: number): string[] {
  return (['daulat-full', 'daulat-full-uncached'] as const).flatMap((name) => {
    const full = results.targets.find((target) => target.name === name);
    if (full === undefined || full.skipped !== undefined) return [];
    const label = name === 'daulat-full' ? 'All on' : 'All on, no scan cache,';
    const added = perMode(results, (mode) => {
      const on = addedMedian(results, name, mode, low);
      const off = addedMedian(results, 'daulat', mode, low);
      return `${formatMs(on - off, true)} ms (${formatMs(on, true)} vs ${formatMs(off, true)} ms added over direct)`;
    });
    const throughput = perMode(results, (mode) => targetRatio(results, name, 'daulat', mode, high));
    const eventLoop = perMode(results, (mode) =>
      targetRatio(results, name, 'daulat', mode, high, 'eventLoopMicrosPerRequest'),
    );
    const gc = perMode(results, (mode) => {
      const of = (target: TargetName, field: RatioField) => cellMedian(results, target, mode, high, field);
      const paired = median(roundDifferences(results, name, 'daulat', mode, high, 'gcMicrosPerRequest'));
      return `${formatMicros(paired, true)} µs (${formatMicros(of(name, 'gcMicrosPerRequest'))} vs ${formatMicros(of('daulat', 'gcMicrosPerRequest'))}; old generation ${formatMicros(of(name, 'majorGcMicrosPerRequest'))} vs ${formatMicros(of('daulat', 'majorGcMicrosPerRequest'))})`;
    });
    return [
      `- ${label} − bare, p50 at ${low} connection${low === 1 ? '' : 's'}: ${added}`,
      `- ${label} ÷ bare, req/s at ${high} connections: ${throughput}`,
      `- ${label} ÷ bare, event-loop CPU a request at ${high} connections (req/s goes as its inverse): ${eventLoop}`,
      `- ${label} − bare, the event loop’s garbage-collection pauses a request at ${high} connections (median of the rounds’ differences; each target’s own /metrics): ${gc}`,
    ];
  });
}

/** The summary lines, or why Daulat is missing from them. */
export function renderSummary(results: GatewayBenchResults): string[] {
  const daulat = results.targets.find((target) => target.name === 'daulat');
  if (daulat === undefined) return ['- Daulat was not selected (--only).'];
  if (daulat.skipped !== undefined)
    return [`- Daulat was not measured: ${daulat.skipped.split('\n')[0] ?? ''}`];
  const low = Math.min(...results.options.connections);
  const high = Math.max(...results.options.connections);
  const lines = [
    addedLine(results, low),
    cpuLine(results, high),
    throughputLine(results, high),
    rssLine(results),
    ...workersLine(results, high),
    ...fullLines(results, low, high),
  ];
  if (results.options.modes.includes('stream')) lines.splice(1, 0, ttftLine(results));
  return lines;
}
