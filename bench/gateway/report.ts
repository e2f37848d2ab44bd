/** Renders gateway bench results as markdown: conditions, the load table, the TTFT table, summary and notes. */
import { machineConditions } from './conditions.ts';
import { cellText, formatInteger, formatMicros, formatMs } from './format.ts';
import type { CellResult, GatewayBenchResults, TtftResult } from './results.ts';
import { median } from './stats.ts';
import { renderSummary } from './summary.ts';
import { TARGET_LABELS } from './targets.ts';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function conditions(results: GatewayBenchResults): string[] {
  const { options } = results;
  const elapsedSeconds = Math.round((results.finishedAt.getTime() - results.startedAt.getTime()) / 1000);
  const targets = results.targets.map((target) =>
    target.skipped === undefined
      ? `${TARGET_LABELS[target.name]} ${target.version ?? ''}`.trim()
      : `${TARGET_LABELS[target.name]} (skipped: ${cellText(target.skipped.split('\n')[0] ?? '', 160)})`,
  );
  const rows: [string, string][] = [
    ...machineConditions(),
    ['Load generator', results.loadGenerator],
    [
      'Per run',
      `${options.durationSeconds} s; ${plural(options.rounds, 'round')}, target order rotated each round`,
    ],
    ['Warm-up', `${options.warmupSeconds} s per target and mode at 16 connections, unmeasured`],
    ['Connections', options.connections.join(', ')],
    [
      'TTFT',
      `${options.ttftRequests} streamed requests per target and round, the targets interleaved in turns of 10 (at most ${options.durationSeconds} s per target), 1 connection each`,
    ],
    ['Load average (1/5/15 min)', `${results.loadAverageBefore} before, ${results.loadAverageAfter} after`],
    ['Targets', targets.join('; ')],
    ['Started', `${results.startedAt.toISOString()}, took ${elapsedSeconds} s`],
  ];
  return rows.map(([label, value]) => `- ${label}: ${value}`);
}

function loadRow(cell: CellResult): string {
  const { mode, connections } = cell.scenario;
  const head = `| ${mode} | ${connections} | ${TARGET_LABELS[cell.target]} |`;
  if (cell.failure !== undefined) return `${head} failing: ${cellText(cell.failure)} | | | | | | | |`;
  const of = (pick: (sample: CellResult['samples'][number]) => number): number =>
    median(cell.samples.map(pick));
  const figures = [
    formatInteger(of((sample) => sample.requestsPerSecond)),
    formatMs(of((sample) => sample.p50Ms)),
    formatMs(of((sample) => sample.p99Ms)),
    cell.target === 'direct' ? '—' : formatMs(median(cell.addedP50Ms), true),
    formatInteger(of((sample) => sample.cpuMicrosPerRequest)),
    formatInteger(of((sample) => sample.eventLoopMicrosPerRequest)),
    formatMicros(of((sample) => sample.gcMicrosPerRequest)),
    formatInteger(of((sample) => sample.rssMiB)),
  ];
  return `${head} ${figures.join(' | ')} |`;
}

function loadTable(results: GatewayBenchResults): string[] {
  return [
    '| mode | conns | target | req/s | p50 ms | p99 ms | added p50 ms | CPU µs/req | event loop µs/req | GC µs/req | RSS MiB |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.cells
      .slice()
      .sort(
        (a, b) =>
          a.scenario.mode.localeCompare(b.scenario.mode) || a.scenario.connections - b.scenario.connections,
      )
      .map(loadRow),
  ];
}

function pairedDifference(values: readonly number[], baseline: readonly number[]): number {
  return median(
    values.flatMap((value, index) => (baseline[index] === undefined ? [] : [value - (baseline[index] ?? 0)])),
  );
}

function ttftRow(result: TtftResult, direct: TtftResult | undefined): string {
  const head = `| ${TARGET_LABELS[result.target]} |`;
  if (result.failure !== undefined) return `${head} failing: ${cellText(result.failure)} | | | |`;
  const added =
    result.target === 'direct' || direct === undefined
      ? '—'
      : formatMs(pairedDifference(result.firstTokenP50Ms, direct.firstTokenP50Ms), true);
  const figures = [
    formatMs(median(result.firstTokenP50Ms)),
    formatMs(median(result.firstTokenP99Ms)),
    added,
    formatMs(median(result.streamP50Ms)),
  ];
  return `${head} ${figures.join(' | ')} |`;
}

function ttftTable(results: GatewayBenchResults): string[] {
  const direct = results.ttft.find((result) => result.target === 'direct');
  return [
    '| target | TTFT p50 ms | TTFT p99 ms | added p50 ms | whole stream p50 ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...results.ttft.map((result) => ttftRow(result, direct)),
  ];
}

const NOTES = [
  '- Latency is the load generator’s: request written to last response byte, closed loop (each connection sends its next request when the previous response ends). Added p50 = target p50 − direct p50 in the same round and scenario; every figure is the median across rounds.',
  '- CPU µs/req: utime + stime of the target process and its descendants, e.g. cluster workers (/proc/<pid>/stat, 10 ms ticks), over the run ÷ responses completed. For “direct” that is the mock itself; for the proxies the mock’s and load generator’s CPU are excluded. At 1 connection the figure includes the target’s idle work (timers, GC) spread over fewer requests. Event loop µs/req: the same for the processes’ main threads alone (/proc/<pid>/task/<pid>/schedstat, nanoseconds), where node runs all JavaScript; once that thread is busy all the time (64 connections here), a process’s req/s is about 1 ÷ this, and two targets’ req/s ratio is about the inverse of theirs. RSS: largest VmRSS (summed over those processes) sampled every 100 ms during the run.',
  '- TTFT: a small raw HTTP/1.1 client (node:net, own chunked decoder; undici’s per-response cost of ~0.2 ms would blur the differences) in the otherwise idle harness, 1 keep-alive connection per target, sequential streamed requests in turns of 10 per target, the first of each turn not kept (so the machine’s drift falls on all targets alike, and no target is timed just after idling through the others’ turns); time from just before the request is written to the first decoded body bytes that complete a non-empty `content` delta. The first 50 requests of each round (at most half of them) are discarded as JIT warm-up of client and target; a round stops after the run duration even if fewer requests fit. The mock writes all 32 events back-to-back, so TTFT here is the gateway’s first-byte path, not model think time.',
  '- The machine has 2 shared cores: the load generator, the mock upstream and the target compete for them (direct runs 2 busy processes, the proxies 3). At 16 and 64 connections throughput is bound by CPU, so req/s ratios mostly reflect CPU per request. Absolute numbers vary with neighbours; compare within one run.',
  '- Req/s ratios in the summary are given twice: the ratio of the two medians, and the ratio within each round with its median. A round runs the targets of one scenario back to back, seconds apart, so the second cancels the drift between rounds that the first keeps. The interval after that median is the sign test’s: from the k-th smallest to the k-th largest round, the chance it holds the true median given beside it (with five rounds the widest, min to max, is 93.7%).',
  '- Every target runs plain JavaScript: Daulat its `dist/` build through `bin/daulat.js` with `npm start`’s node flags, as `npm start` does (the bench runs the build first); the mock and the minimal proxy transpiled by `bench/gateway/compile.ts`; Portkey its prebuilt `build/start-server.js` with `--headless` and NODE_ENV=production, routed with `x-portkey-provider: openai` and `x-portkey-custom-host`.',
];

/** The full markdown report of one run, starting with a level-2 heading. */
export function renderReport(results: GatewayBenchResults): string {
  const sections = [
    `## Gateway overhead — ${results.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '### Conditions',
    conditions(results).join('\n'),
    '### Throughput, latency, CPU and memory (medians across rounds)',
    loadTable(results).join('\n'),
  ];
  if (results.options.modes.includes('stream')) {
    sections.push(
      '### Time to first token (streamed, 1 connection, medians across rounds)',
      ttftTable(results).join('\n'),
    );
  }
  sections.push(
    '### Summary',
    renderSummary(results).join('\n'),
    '### How it was measured',
    NOTES.join('\n'),
  );
  return `${sections.join('\n\n')}\n`;
}
