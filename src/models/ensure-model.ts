/**
 * For `daulat serve`: makes sure a configured embedded model is on disk, pulling it when it is missing
 * (unless told not to). Never throws for the expected failures: offline, download failed, invalid file —
 * it returns them typed, so the gateway can log them and go on serving everything else.
 */
import { GatewayError, isGatewayError } from '../errors.ts';
import type { HubOptions } from './hf.ts';
import { isPullable, parseModelReference } from './model-reference.ts';
import { pullModel } from './pull.ts';
import { resolveModel, type ModelEntry } from './store.ts';

/** Why a model is not available. */
export type EnsureModelFailure = 'not_downloaded' | 'offline' | 'download_failed' | 'invalid';

/** The outcome: the model's path, or a typed failure carrying the error to log. */
export type EnsureModelResult =
  | {
      readonly ok: true;
      readonly path: string;
      readonly entry: ModelEntry | undefined;
      readonly pulled: boolean;
    }
  | { readonly ok: false; readonly reason: EnsureModelFailure; readonly error: GatewayError };

/** How ensureModel reports and whether it may download. */
export interface EnsureModelOptions {
  /** Download a missing model (false for `serve --no-pull`). */
  readonly pull: boolean;
  /** One line per event: missing, pulling, progress, done. */
  readonly log: (line: string) => void;
  readonly hub?: HubOptions;
  readonly signal?: AbortSignal;
  /** Seconds between progress lines; default 10. */
  readonly progressIntervalSeconds?: number;
}

/** Resolves `name` in the store, pulling it when missing and allowed. */
export async function ensureModel(
  storeDir: string,
  name: string,
  options: EnsureModelOptions,
): Promise<EnsureModelResult> {
  try {
    const found = await resolveModel(storeDir, name);
    return { ok: true, path: found.path, entry: found.entry, pulled: false };
  } catch (error) {
    if (!isGatewayError(error, 'model_not_downloaded')) return failure(error);
  }
  let reference;
  try {
    reference = parseModelReference(name);
  } catch (error) {
    return failure(error);
  }
  if (!isPullable(reference)) {
    return failure(new GatewayError('model_not_downloaded', `model file ${reference.path} does not exist`));
  }
  if (!options.pull) {
    return failure(
      new GatewayError(
        'model_not_downloaded',
        `model '${name}' is not in the model store ${storeDir}: run \`daulat pull ${name}\`, or start without --no-pull`,
      ),
    );
  }
  options.log(`model '${name}' is not in the store: pulling it from Hugging Face`);
  try {
    const result = await pullModel(storeDir, reference, {
      ...(options.hub ? { hub: options.hub } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      log: options.log,
      onProgress: throttledProgress(name, options),
    });
    options.log(`model '${name}' pulled to ${result.path}`);
    return { ok: true, path: result.path, entry: result.entry, pulled: true };
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): EnsureModelResult {
  if (!isGatewayError(error)) throw error;
  const reason: EnsureModelFailure =
    error.code === 'hub_unreachable'
      ? 'offline'
      : error.code === 'model_invalid'
        ? 'invalid'
        : error.code === 'model_download_failed'
          ? 'download_failed'
          : 'not_downloaded';
  return { ok: false, reason, error };
}

function throttledProgress(
  name: string,
  options: EnsureModelOptions,
): (downloaded: number, total: number) => void {
  const interval = (options.progressIntervalSeconds ?? 10) * 1_000;
  let last = 0;
  return (downloaded, total) => {
    const now = Date.now();
    if (now - last < interval && downloaded < total) return;
    last = now;
    options.log(
      `pulling '${name}': ${((downloaded / total) * 100).toFixed(1)}% of ${(total / 1e9).toFixed(2)} GB`,
    );
  };
}
