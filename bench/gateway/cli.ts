/** The gateway bench as a command: parse flags, run, print and save the report; or pool saved runs (`--pool`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseGatewayOptions, USAGE } from './options.ts';
import { renderPooled } from './pool.ts';
import { renderReport } from './report.ts';
import { runGatewayBench } from './run.ts';
import { loadResults, saveResults } from './saved-results.ts';

/** Runs the gateway bench with command-line `argv`; resolves the path of the saved report, if any. */
export async function runGatewayBenchCli(argv: readonly string[]): Promise<string | undefined> {
  const options = parseGatewayOptions(argv);
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return undefined;
  }
  if ('pool' in options) {
    process.stdout.write(`${renderPooled(options.pool.map(loadResults)).join('\n')}\n`);
    return undefined;
  }
  const results = await runGatewayBench(options);
  const report = renderReport(results);
  process.stdout.write(`\n${report}`);
  const directory = resolve(options.outputDir);
  mkdirSync(directory, { recursive: true });
  const stamp = results.startedAt.toISOString().slice(0, 19).replaceAll(':', '-');
  const path = join(directory, `gateway-${stamp}.md`);
  writeFileSync(path, report);
  const saved = join(directory, `gateway-${stamp}.json`);
  saveResults(saved, results);
  process.stderr.write(`[bench:gateway] report written to ${path}, every sample to ${saved}\n`);
  return path;
}
