/** The results of one gateway bench run, as collected round by round and rendered by report.ts. */
import type { LoadSample, Scenario } from './measure.ts';
import type { GatewayBenchOptions } from './options.ts';
import type { TargetName } from './targets.ts';

/** One target in one scenario across rounds; `failure` stops further rounds. */
export interface CellResult {
  readonly target: TargetName;
  readonly scenario: Scenario;
  readonly samples: LoadSample[];
  /** p50 minus the direct target's p50 in the same round and scenario, per round, in ms. */
  readonly addedP50Ms: number[];
  failure?: string;
}

/** Per-round time-to-first-token figures of one target, in ms. */
export interface TtftResult {
  readonly target: TargetName;
  readonly firstTokenP50Ms: number[];
  readonly firstTokenP99Ms: number[];
  /** Request start to the last byte of the stream, median per round. */
  readonly streamP50Ms: number[];
  failure?: string;
}

/** A target as started (with its version) or skipped (with the reason). */
export interface TargetStatus {
  readonly name: TargetName;
  readonly version?: string;
  readonly skipped?: string;
  /** VmHWM at the end of the run: peak RSS since the process started, in MiB. */
  peakMiB?: number;
}

/** Everything report.ts needs. */
export interface GatewayBenchResults {
  readonly options: GatewayBenchOptions;
  readonly loadGenerator: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly loadAverageBefore: string;
  readonly loadAverageAfter: string;
  readonly targets: readonly TargetStatus[];
  readonly cells: readonly CellResult[];
  readonly ttft: readonly TtftResult[];
}
