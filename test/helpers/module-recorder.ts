/**
 * Preloaded with `node --import tsx --import <this file>` by the lazy-loading test. Records the URL of every
 * ES module and CommonJS file the process loads, one per line, in the file named by DAULAT_MODULE_LOG;
 * DAULAT_MODULE_BLOCK (packages, comma-separated) makes importing those packages fail as if not installed.
 */
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { RecorderData } from './module-recorder-hooks.ts';

interface LoadableModule {
  load: (this: LoadableModule, filename: string) => void;
}

const log = process.env.DAULAT_MODULE_LOG;
if (log !== undefined && log !== '') {
  const blocked = (process.env.DAULAT_MODULE_BLOCK ?? '').split(',').filter((name) => name !== '');
  // ES modules pass through the loader hooks, which run on their own thread and append to the same file.
  register<RecorderData>(new URL('./module-recorder-hooks.ts', import.meta.url), { data: { log, blocked } });
  // Node 20 sends CommonJS files that CommonJS requires past the ESM hooks: record them as Module loads them
  // (once per file, by its resolved path).
  const prototype = Module.prototype as unknown as LoadableModule;
  const load = prototype.load;
  prototype.load = function (this: LoadableModule, filename: string) {
    appendFileSync(log, `${pathToFileURL(filename).href}\n`);
    load.call(this, filename);
  };
}
