/** The autocannon load generator, run in its own child process so its CPU is not the harness's. */
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from './load.ts';
import { parseResultLine } from './result-line.ts';
import { outputTail, spawnChild } from './processes.ts';

const WORKER = fileURLToPath(new URL('./autocannon-worker.ts', import.meta.url));

/** Runs autocannon in a child process against `options.url`. */
export async function runAutocannon(options: LoadOptions): Promise<LoadResult> {
  const { tmpDir: _tmpDir, ...request } = options;
  const child = spawnChild('autocannon', process.execPath, [
    '--import',
    'tsx',
    WORKER,
    JSON.stringify(request),
  ]);
  const code = await child.exited;
  if (code !== 0) throw new Error(`autocannon worker exited (${code})\n${outputTail(child)}`);
  return parseResultLine(child.lines()) as LoadResult;
}
