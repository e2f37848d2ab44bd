/**
 * Starts a worker thread on a module of Daulat's own, next to the caller: the build's .js as it is; the
 * TypeScript source (tests, the CLI run from source) through tsx, which a worker does not inherit from the
 * thread that started it on Node 20.
 */
import { Worker } from 'node:worker_threads';

/** A worker running `name` (no extension) from the caller's folder; `callerUrl` is the caller's `import.meta.url`. */
export function startWorker(callerUrl: string, name: string, workerData?: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`${name}.js`, callerUrl), { workerData });
  const source = new URL(`${name}.ts`, callerUrl).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
