/** `npm run bench:guard`: the guard pipeline's speed, PII quality and speed, injection quality and speed. */
import { spawnSync } from 'node:child_process';

for (const script of [
  'bench/guard/pipeline.ts',
  'bench/guard/pii.ts',
  'bench/guard/pii-quality.ts',
  'bench/guard/injection.ts',
]) {
  process.stdout.write(`\n## ${script}\n\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exitCode = 1;
}
