/** Command-line flags and environment variables of `npm run bench:gateway`. */
import { parseArgs } from 'node:util';
import type { LoadGeneratorKind } from './load.ts';
import type { Mode } from './requests.ts';
import { MODES } from './requests.ts';
import type { TargetName } from './targets.ts';
import { TARGET_NAMES } from './targets.ts';

/** How the gateway bench runs; every field has a flag and a BENCH_* variable. */
export interface GatewayBenchOptions {
  /** Whole seconds per measured load run (wrk takes no fractions). */
  readonly durationSeconds: number;
  readonly rounds: number;
  /** Targets to measure; `direct` is always included as the baseline. */
  readonly targets: readonly TargetName[];
  readonly connections: readonly number[];
  readonly modes: readonly Mode[];
  /** Streamed requests per target and round for time to first token. */
  readonly ttftRequests: number;
  /** Seconds of unmeasured load per target and mode before the first round. */
  readonly warmupSeconds: number;
  readonly loadGenerator: LoadGeneratorKind | 'auto';
  /** Where the markdown report is written. */
  readonly outputDir: string;
}

/** The usage text printed by `--help`. */
export const USAGE = `usage: npm run bench:gateway -- [options]
  --duration <s>          seconds per measured run (BENCH_DURATION, default 5)
  --rounds <n>            rounds, targets alternate within each (BENCH_ROUNDS, default 3)
  --only <list>           targets: ${TARGET_NAMES.join(',')} (BENCH_ONLY; direct always runs)
  --connections <list>    concurrent connections (BENCH_CONNECTIONS, default 1,16,64)
  --modes <list>          json,stream (BENCH_MODES, default both)
  --ttft-requests <n>     streamed requests per target and round for TTFT (BENCH_TTFT_REQUESTS, default 500)
  --warmup <s>            unmeasured seconds per target and mode first (BENCH_WARMUP, default 10)
  --load-generator <g>    auto, wrk or autocannon (BENCH_LOAD_GENERATOR, default auto)
  --output <dir>          report directory (BENCH_OUTPUT, default .bench-tmp); each run writes
                          gateway-<time>.md and, beside it, gateway-<time>.json with every sample
usage: npm run bench:gateway -- --pool <run.json>...
  pools the per-round ratios of saved runs (the .json files) and prints each comparison's median and interval`;

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function positive(name: string, value: string, allowZero = false): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || (!allowZero && number === 0)) {
    throw new Error(
      `--${name}: expected a ${allowZero ? 'non-negative' : 'positive'} number, got '${value}'`,
    );
  }
  return number;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`--${name}: '${value}' is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function targetsFrom(value: string): TargetName[] {
  const chosen = new Set(list(value).map((name) => oneOf('only', name, TARGET_NAMES)));
  return TARGET_NAMES.filter((name) => name === 'direct' || chosen.has(name));
}

/** `--pool`: saved runs to read together instead of running. */
export interface PoolCommand {
  readonly pool: readonly string[];
}

/**
 * Parses `argv` (without node and script); flags win over BENCH_* variables, which win over defaults. With
 * `--pool`, the rest are the saved runs to pool.
 */
export function parseGatewayOptions(
  argv: readonly string[],
  env = process.env,
): GatewayBenchOptions | PoolCommand | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      pool: { type: 'boolean' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
      connections: { type: 'string' },
      modes: { type: 'string' },
      'ttft-requests': { type: 'string' },
      warmup: { type: 'string' },
      'load-generator': { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  if (values.pool === true) {
    if (positionals.length === 0) throw new Error('--pool: name the saved runs (.json) to pool');
    return { pool: positionals };
  }
  if (positionals.length > 0) throw new Error(`unexpected argument '${positionals[0]}' (see --help)`);
  const generators = ['auto', 'wrk', 'autocannon'] as const;
  return {
    durationSeconds: Math.max(
      1,
      Math.round(positive('duration', values.duration ?? env.BENCH_DURATION ?? '5')),
    ),
    rounds: Math.round(positive('rounds', values.rounds ?? env.BENCH_ROUNDS ?? '3')),
    targets: targetsFrom(values.only ?? env.BENCH_ONLY ?? TARGET_NAMES.join(',')),
    connections: list(values.connections ?? env.BENCH_CONNECTIONS ?? '1,16,64').map((item) =>
      Math.round(positive('connections', item)),
    ),
    modes: list(values.modes ?? env.BENCH_MODES ?? MODES.join(',')).map((item) =>
      oneOf('modes', item, MODES),
    ),
    ttftRequests: Math.round(
      positive('ttft-requests', values['ttft-requests'] ?? env.BENCH_TTFT_REQUESTS ?? '500'),
    ),
    warmupSeconds: Math.round(positive('warmup', values.warmup ?? env.BENCH_WARMUP ?? '10', true)),
    loadGenerator: oneOf(
      'load-generator',
      values['load-generator'] ?? env.BENCH_LOAD_GENERATOR ?? 'auto',
      generators,
    ),
    outputDir: values.output ?? env.BENCH_OUTPUT ?? '.bench-tmp',
  };
}
