/**
 * `npm run bench:guard`: the guard pipeline's speed, PII quality and speed, injection quality and speed on the
 * held-out split, and injection quality on the blind set (written by other hands; never tuned on).
 */
import { spawnSync } from 'node:child_process';

const BLIND = 'src/guardrails/injection/corpus/blind-test.jsonl';

for (const [script, ...args] of [
  ['bench/guard/pipeline.ts'],
  ['bench/guard/large-input.ts'],
  ['bench/guard/pii.ts'],
  ['bench/guard/pii-quality.ts'],
  ['bench/guard/injection.ts'],
  ['bench/guard/injection.ts', '--split', BLIND, '--only', 'quality'],
] as const) {
  process.stdout.write(`\n## ${[script, ...args].join(' ')}\n\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exitCode = 1;
}
