/**
 * Closed-loop HTTP load against one target: `connections` keep-alive connections each sending the next request
 * as soon as the previous response has been read to the end, for `durationSeconds`. Runs wrk when installed
 * (C, one thread: the cheapest on a shared 2-core machine), else autocannon in a child process.
 */
import { execFileSync } from 'node:child_process';
import { runAutocannon } from './load-autocannon.ts';
import { runWrk } from './load-wrk.ts';

/** Which program generates the load. */
export type LoadGeneratorKind = 'wrk' | 'autocannon';

/** One load run: POST `body` to `url` with `headers`. */
export interface LoadOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Scratch directory for generated scripts. */
  readonly tmpDir: string;
}

/** What a load run measured; latencies are request start to last response byte, in milliseconds. */
export interface LoadResult {
  /** Responses completed, any status. */
  readonly requests: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  /** Responses with a status of 400 or more (wrk) / not 2xx (autocannon). */
  readonly badStatus: number;
}

/** The load generator's name and version as printed in the conditions. */
export function describeLoadGenerator(kind: LoadGeneratorKind): string {
  if (kind === 'autocannon')
    return 'autocannon 9 (programmatic, own child process, latency per response in µs)';
  try {
    execFileSync('wrk', ['--version'], { encoding: 'utf8' });
  } catch (error) {
    // wrk --version prints its banner and exits 1.
    const banner = (error as { stdout?: string }).stdout?.split(' [')[0]?.trim();
    return `${banner ?? 'wrk'}, 1 thread, Lua script`;
  }
  return 'wrk, 1 thread, Lua script';
}

/** `wrk` when asked or available, else `autocannon`. */
export function chooseLoadGenerator(preference: LoadGeneratorKind | 'auto'): LoadGeneratorKind {
  if (preference !== 'auto') return preference;
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return 'wrk';
  } catch (error) {
    return (error as { code?: unknown }).code === 'ENOENT' ? 'autocannon' : 'wrk';
  }
}

/** Runs one load run with `kind` and resolves what it measured. */
export function runLoad(kind: LoadGeneratorKind, options: LoadOptions): Promise<LoadResult> {
  return kind === 'wrk' ? runWrk(options) : runAutocannon(options);
}
