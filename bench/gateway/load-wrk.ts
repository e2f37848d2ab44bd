/** The wrk load generator: one thread, a generated Lua script that sets the request and prints the result. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadOptions, LoadResult } from './load.ts';
import { parseResultLine } from './result-line.ts';
import { outputTail, spawnChild } from './processes.ts';

interface WrkSummary {
  readonly requests: number;
  readonly duration_us: number;
  readonly p50_us: number;
  readonly p99_us: number;
  readonly connect: number;
  readonly read: number;
  readonly write: number;
  readonly status: number;
  readonly timeout: number;
}

function luaString(text: string): string {
  if (text.includes(']==]')) throw new Error('request text cannot be quoted for Lua');
  return `[==[${text}]==]`;
}

function script(options: LoadOptions): string {
  const headers = Object.entries(options.headers).map(
    ([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`,
  );
  return [
    'wrk.method = "POST"',
    `wrk.body = ${luaString(options.body)}`,
    ...headers,
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(\'BENCH_RESULT {"requests":%.0f,"duration_us":%.0f,"p50_us":%.0f,"p99_us":%.0f,' +
      '"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f}\\n\',',
    '    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),',
    '    e.connect, e.read, e.write, e.status, e.timeout))',
    'end',
    '',
  ].join('\n');
}

let scriptCount = 0;

/** Runs wrk with one thread against `options.url`; latencies have microsecond resolution. */
export async function runWrk(options: LoadOptions): Promise<LoadResult> {
  const scriptPath = join(options.tmpDir, `wrk-${++scriptCount}.lua`);
  writeFileSync(scriptPath, script(options));
  const args = ['-t1', `-c${options.connections}`, `-d${options.durationSeconds}s`, '--timeout', '10s'];
  const child = spawnChild('wrk', 'wrk', [...args, '-s', scriptPath, options.url]);
  const code = await child.exited;
  if (code !== 0) throw new Error(`wrk exited (${code})\n${outputTail(child)}`);
  let summary: WrkSummary;
  try {
    summary = parseResultLine(child.lines()) as WrkSummary;
  } catch {
    throw new Error(`wrk printed no result\n${outputTail(child)}`);
  }
  return {
    requests: summary.requests,
    seconds: summary.duration_us / 1e6,
    p50Ms: summary.p50_us / 1000,
    p99Ms: summary.p99_us / 1000,
    errors: summary.connect + summary.read + summary.write + summary.timeout,
    badStatus: summary.status,
  };
}
