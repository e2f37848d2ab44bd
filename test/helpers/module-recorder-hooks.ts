/** Loader hooks for module-recorder.ts: refuse blocked packages, append each loaded module's URL to the log. */
import { appendFileSync } from 'node:fs';
import type { InitializeHook, LoadHook, ResolveHook } from 'node:module';

/** What module-recorder.ts hands the hooks thread. */
export interface RecorderData {
  readonly log: string;
  readonly blocked: readonly string[];
}

let recorder: RecorderData = { log: '', blocked: [] };

export const initialize: InitializeHook<RecorderData> = (data) => {
  recorder = data;
};

export const resolve: ResolveHook = (specifier, context, nextResolve) => {
  const name = /^(@[^/]+\/[^/]+|[^./][^/]*)/.exec(specifier)?.[1];
  if (name !== undefined && recorder.blocked.includes(name)) {
    throw Object.assign(new Error(`Cannot find package '${name}' (blocked by module-recorder)`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  }
  return nextResolve(specifier, context);
};

export const load: LoadHook = (url, context, nextLoad) => {
  if (url.startsWith('file:')) appendFileSync(recorder.log, `${url}\n`);
  return nextLoad(url, context);
};
