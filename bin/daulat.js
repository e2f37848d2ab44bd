#!/usr/bin/env node
// The young generation's size is fixed when node starts, so `npm start` passes --max-semi-space-size=8 on
// node's command line (RSS under load ~15 MiB lower; docs/operations.md#memory). A plain `#!/usr/bin/env node`
// here, as `env -S` is missing from BusyBox: run `daulat` with NODE_OPTIONS=--max-semi-space-size=8 for the same.
// Runs the compiled build when it is at least as new as every source file (about 25 MiB less memory than tsx
// and no transpiling at start), else the TypeScript sources through tsx; DAULAT_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const source = new URL('src/cli/main.ts', root);
const built = new URL('dist/cli/main.js', root);

if (
  existsSync(source) &&
  (process.env.DAULAT_FROM_SOURCE === '1' || !isFresh(built, new URL('src/', root)))
) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(built.href);
}

function isFresh(output, sources) {
  if (!existsSync(output)) return false;
  return newestTime(sources) <= statSync(output).mtimeMs;
}

function newestTime(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const url = new URL(entry.isDirectory() ? `${entry.name}/` : entry.name, directory);
    if (entry.isDirectory()) newest = Math.max(newest, newestTime(url));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(url).mtimeMs);
  }
  return newest;
}
