/**
 * The gateway bench: starts the mock upstream and the targets, checks each answers correctly, then measures
 * round by round — every scenario against every target, the target order rotating each round so drift on a
 * shared machine hits all alike — and finally time to first token. Children are stopped however it ends.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAverage } from './conditions.ts';
import type { LoadGeneratorKind } from './load.ts';
import { chooseLoadGenerator, describeLoadGenerator, runLoad } from './load.ts';
import type { Scenario } from './measure.ts';
import { measureLoad, sampleProblem } from './measure.ts';
import type { GatewayBenchOptions } from './options.ts';
import { probeChat } from './probe.ts';
import { processTree, readMemory } from './proc-stats.ts';
import { CHAT_PATH, chatBody, chatHeaders } from './requests.ts';
import type { CellResult, GatewayBenchResults, TargetStatus, TtftResult } from './results.ts';
import { median, percentile } from './stats.ts';
import type { RunningTarget, TargetName } from './targets.ts';
import { startMock, startTarget } from './targets.ts';
import { measureTtftInterleaved } from './ttft.ts';

/** Streamed requests per target and round not counted: JIT warm-up of the client and the target. */
const TTFT_DISCARDED = 50;

interface Context {
  readonly options: GatewayBenchOptions;
  readonly kind: LoadGeneratorKind;
  readonly tmpDir: string;
}

function log(message: string): void {
  process.stderr.write(`[bench:gateway] ${message}\n`);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function startAll(
  options: GatewayBenchOptions,
  tmpDir: string,
  running: RunningTarget[],
): Promise<TargetStatus[]> {
  const mock = await startMock();
  running.push(mock);
  const statuses: TargetStatus[] = [];
  for (const name of options.targets) {
    try {
      const target = await startTarget(name, mock, tmpDir);
      if (target !== mock) running.push(target);
      statuses.push({ name, version: target.version });
      log(`${name} listening at ${target.origin} (pid ${target.process.pid})`);
    } catch (error) {
      statuses.push({ name, skipped: errorMessage(error) });
      log(`skipping ${name}: ${errorMessage(error)}`);
    }
  }
  return statuses;
}

function scenariosOf(options: GatewayBenchOptions): Scenario[] {
  return options.modes.flatMap((mode) => options.connections.map((connections) => ({ mode, connections })));
}

async function createCells(context: Context, targets: readonly RunningTarget[]): Promise<CellResult[]> {
  const cells: CellResult[] = [];
  for (const target of targets) {
    for (const mode of context.options.modes) {
      const problem = await probeChat(target.origin, target.headers, mode);
      if (problem !== undefined) log(`${target.name} fails ${mode}: ${problem}`);
      for (const scenario of scenariosOf(context.options).filter((candidate) => candidate.mode === mode)) {
        const cell: CellResult = { target: target.name, scenario, samples: [], addedP50Ms: [] };
        if (problem !== undefined) cell.failure = problem;
        cells.push(cell);
      }
    }
  }
  return cells;
}

async function warmUp(context: Context, targets: readonly RunningTarget[]): Promise<void> {
  if (context.options.warmupSeconds === 0) return;
  for (const target of targets) {
    for (const mode of context.options.modes) {
      log(`warming up ${target.name} ${mode}`);
      await runLoad(context.kind, {
        url: `${target.origin}${CHAT_PATH}`,
        headers: chatHeaders(target.headers),
        body: chatBody(mode),
        connections: 16,
        durationSeconds: context.options.warmupSeconds,
        tmpDir: context.tmpDir,
      }).catch((error: unknown) => log(`warm-up of ${target.name} ${mode} failed: ${errorMessage(error)}`));
    }
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

async function measureCell(context: Context, target: RunningTarget, cell: CellResult): Promise<void> {
  if (cell.failure !== undefined) return;
  if (target.process.hasExited()) {
    cell.failure = `${target.name} exited during the bench`;
    return;
  }
  try {
    const sample = await measureLoad(target, cell.scenario, context.kind, {
      durationSeconds: context.options.durationSeconds,
      tmpDir: context.tmpDir,
    });
    const problem = sampleProblem(sample);
    if (problem !== undefined) cell.failure = problem;
    else cell.samples.push(sample);
    const { mode, connections } = cell.scenario;
    log(
      `${target.name} ${mode} c=${connections}: ${sample.requestsPerSecond.toFixed(0)} req/s, p50 ${sample.p50Ms.toFixed(3)} ms${problem === undefined ? '' : ` — ${problem}`}`,
    );
  } catch (error) {
    cell.failure = errorMessage(error);
  }
}

function recordAddedLatency(cells: readonly CellResult[], scenario: Scenario, round: number): void {
  const same = cells.filter((cell) => cell.scenario === scenario || sameScenario(cell.scenario, scenario));
  const direct = same.find((cell) => cell.target === 'direct')?.samples[round];
  for (const cell of same) {
    const sample = cell.samples[round];
    if (sample !== undefined)
      cell.addedP50Ms.push(direct === undefined ? Number.NaN : sample.p50Ms - direct.p50Ms);
  }
}

function sameScenario(a: Scenario, b: Scenario): boolean {
  return a.mode === b.mode && a.connections === b.connections;
}

/** One round's TTFT: every target still measurable, interleaved stream by stream (see ttft.ts). */
async function measureTtftRound(
  context: Context,
  order: readonly RunningTarget[],
  ttft: readonly TtftResult[],
): Promise<void> {
  const measured: { target: RunningTarget; result: TtftResult }[] = [];
  for (const target of order) {
    const result = ttft.find((candidate) => candidate.target === target.name);
    if (result !== undefined && result.failure === undefined) measured.push({ target, result });
  }
  if (measured.length === 0) return;
  const { ttftRequests, durationSeconds } = context.options;
  const passes = await measureTtftInterleaved(
    measured.map(({ target }) => target),
    ttftRequests + TTFT_DISCARDED,
    // Each target gets the time a round gives one target.
    durationSeconds * measured.length,
  );
  measured.forEach(({ result }, index) => {
    const { timings, failure } = passes[index]!;
    if (failure !== undefined) {
      result.failure = errorMessage(failure);
      return;
    }
    // A slow target may fit fewer requests than that in the time allowed: keep at least half of them.
    const kept = timings.slice(Math.min(TTFT_DISCARDED, Math.floor(timings.length / 2)));
    const firstToken = kept.map((timing) => timing.firstTokenMs);
    result.firstTokenP50Ms.push(median(firstToken));
    result.firstTokenP99Ms.push(percentile(firstToken, 99));
    result.streamP50Ms.push(median(kept.map((timing) => timing.totalMs)));
  });
}

async function runRounds(
  context: Context,
  targets: readonly RunningTarget[],
  cells: CellResult[],
  ttft: TtftResult[],
): Promise<void> {
  const scenarios = scenariosOf(context.options);
  for (let round = 0; round < context.options.rounds; round++) {
    log(`round ${round + 1} of ${context.options.rounds}`);
    const order = rotate(targets, round);
    for (const scenario of scenarios) {
      for (const target of order) {
        const cell = cells.find(
          (candidate) => candidate.target === target.name && sameScenario(candidate.scenario, scenario),
        );
        if (cell !== undefined) await measureCell(context, target, cell);
      }
      recordAddedLatency(cells, scenario, round);
    }
    if (context.options.modes.includes('stream')) await measureTtftRound(context, order, ttft);
  }
}

function ttftResults(targets: readonly RunningTarget[], cells: readonly CellResult[]): TtftResult[] {
  return targets.map((target) => {
    const result: TtftResult = {
      target: target.name,
      firstTokenP50Ms: [],
      firstTokenP99Ms: [],
      streamP50Ms: [],
    };
    const streamFailure = cells.find(
      (cell) => cell.target === target.name && cell.scenario.mode === 'stream',
    )?.failure;
    if (streamFailure !== undefined) result.failure = streamFailure;
    return result;
  });
}

function recordPeaks(statuses: TargetStatus[], targets: readonly RunningTarget[]): void {
  for (const target of targets) {
    const status = statuses.find((candidate) => candidate.name === target.name);
    if (status === undefined || target.process.hasExited()) continue;
    status.peakMiB = readMemory(processTree(target.process.pid)).peakMiB;
  }
}

/** Runs the whole gateway bench and resolves its results; every child is stopped before it settles. */
export async function runGatewayBench(options: GatewayBenchOptions): Promise<GatewayBenchResults> {
  mkdirSync(resolve(options.outputDir), { recursive: true });
  const tmpDir = mkdtempSync(join(resolve(options.outputDir), 'gateway-run-'));
  const kind = chooseLoadGenerator(options.loadGenerator);
  const context: Context = { options, kind, tmpDir };
  const running: RunningTarget[] = [];
  const startedAt = new Date();
  const loadAverageBefore = loadAverage();
  const removeTmpDir = (): void => rmSync(tmpDir, { recursive: true, force: true });
  // An interrupted run exits without reaching `finally`; the exit handler still removes the scratch files.
  process.once('exit', removeTmpDir);
  try {
    log(`load generator: ${kind}`);
    const statuses = await startAll(options, tmpDir, running);
    const targets = options.targets.flatMap((name: TargetName) =>
      running.filter((target) => target.name === name),
    );
    const cells = await createCells(context, targets);
    const ttft = ttftResults(targets, cells);
    await warmUp(context, targets);
    await runRounds(context, targets, cells, ttft);
    recordPeaks(statuses, targets);
    const loadGenerator = describeLoadGenerator(kind);
    const finishedAt = new Date();
    return {
      options,
      loadGenerator,
      startedAt,
      finishedAt,
      loadAverageBefore,
      loadAverageAfter: loadAverage(),
      targets: statuses,
      cells,
      ttft,
    };
  } finally {
    await Promise.all(running.map((target) => target.process.stop()));
    process.off('exit', removeTmpDir);
    removeTmpDir();
  }
}
