/** One measured load run against one target: load-generator figures plus the target process's CPU and RSS. */
import { readGcSeconds, type GcSeconds } from './gc-seconds.ts';
import type { LoadGeneratorKind } from './load.ts';
import { runLoad } from './load.ts';
import { processTree, readCpuSeconds, readMainThreadCpuSeconds, sampleRss } from './proc-stats.ts';
import type { Mode } from './requests.ts';
import { CHAT_PATH, chatBody, chatHeaders } from './requests.ts';
import type { RunningTarget } from './targets.ts';

/** A load shape: response mode and concurrent connections. */
export interface Scenario {
  readonly mode: Mode;
  readonly connections: number;
}

/** What one round measured for one target and scenario. */
export interface LoadSample {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU time (user + system) of the target's processes divided by responses completed, in microseconds. */
  readonly cpuMicrosPerRequest: number;
  /**
   * CPU time of the target's main threads — their event loops — divided by responses completed, in microseconds:
   * what bounds a single process's req/s once its event loop is always busy.
   */
  readonly eventLoopMicrosPerRequest: number;
  /**
   * The target's event loop stopped for garbage collection, from its own /metrics, divided by responses
   * completed, in microseconds: all kinds, and the old generation's (major and incremental marking) alone.
   * NaN for a target that does not serve Daulat's metrics.
   */
  readonly gcMicrosPerRequest: number;
  readonly majorGcMicrosPerRequest: number;
  /** Largest summed VmRSS of the target's processes, sampled every 100 ms during the run, in MiB. */
  readonly rssMiB: number;
  readonly requests: number;
  readonly errors: number;
  readonly badStatus: number;
}

/** Runs `scenario` against `target` for `durationSeconds` with load generator `kind`. */
export async function measureLoad(
  target: RunningTarget,
  scenario: Scenario,
  kind: LoadGeneratorKind,
  settings: { readonly durationSeconds: number; readonly tmpDir: string },
): Promise<LoadSample> {
  const pids = processTree(target.process.pid);
  const gcBefore = target.metrics === undefined ? undefined : await readGcSeconds(target.metrics);
  const cpuBefore = readCpuSeconds(pids);
  const eventLoopBefore = readMainThreadCpuSeconds(pids);
  const rss = sampleRss(pids);
  try {
    const load = await runLoad(kind, {
      url: `${target.origin}${CHAT_PATH}`,
      headers: chatHeaders(target.headers),
      body: chatBody(scenario.mode),
      connections: scenario.connections,
      durationSeconds: settings.durationSeconds,
      tmpDir: settings.tmpDir,
    });
    const cpuSeconds = readCpuSeconds(pids) - cpuBefore;
    const eventLoopSeconds = readMainThreadCpuSeconds(pids) - eventLoopBefore;
    const perRequest = (seconds: number): number =>
      load.requests > 0 ? (seconds * 1e6) / load.requests : Number.NaN;
    const gcAfter: GcSeconds | undefined =
      target.metrics === undefined ? undefined : await readGcSeconds(target.metrics);
    const gc = (pick: (seconds: GcSeconds) => number): number =>
      gcBefore === undefined || gcAfter === undefined
        ? Number.NaN
        : perRequest(pick(gcAfter) - pick(gcBefore));
    return {
      requestsPerSecond: load.requests / load.seconds,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      cpuMicrosPerRequest: perRequest(cpuSeconds),
      eventLoopMicrosPerRequest: perRequest(eventLoopSeconds),
      gcMicrosPerRequest: gc((seconds) => seconds.total),
      majorGcMicrosPerRequest: gc((seconds) => seconds.major),
      rssMiB: rss.stop(),
      requests: load.requests,
      errors: load.errors,
      badStatus: load.badStatus,
    };
  } finally {
    rss.stop();
  }
}

/** Why `sample` should not count (no responses, or over 1% failed), or undefined when it is sound. */
export function sampleProblem(sample: LoadSample): string | undefined {
  if (sample.requests === 0) return 'no responses';
  const failed = sample.errors + sample.badStatus;
  if (failed > sample.requests * 0.01) {
    return `${sample.errors} socket errors and ${sample.badStatus} error statuses in ${sample.requests} responses`;
  }
  return undefined;
}
