/**
 * Finds what a fit estimate needs for a model name: the GGUF itself when it is in the store or at a path,
 * the catalog's declared shape for a catalog model not yet pulled, or the header of a remote `hf:` file
 * (read with Range requests from the CDN URL the hub redirects to, so the token never leaves the hub).
 */
import { readGgufFileInfo } from 'node-llama-cpp';
import { GatewayError, isGatewayError } from '../errors.ts';
import type { ModelSizing } from './fit.ts';
import { validateModelFile } from './gguf-info.ts';
import { fetchHubFileMetadata, hubOptionsFromEnv, type HubOptions } from './hf.ts';
import { parseModelReference, type HubFile, type ModelReference } from './model-reference.ts';
import { resolveModel } from './store.ts';

/** Sizing for a store name, catalog name, `hf:` reference or .gguf path. */
export async function sizingFor(
  storeDir: string,
  name: string | ModelReference,
  options: { hub?: HubOptions; signal?: AbortSignal } = {},
): Promise<ModelSizing> {
  const stored = await resolveModel(storeDir, typeof name === 'string' ? name : name.name).catch(
    (error: unknown) => {
      if (isGatewayError(error, 'model_not_downloaded')) return undefined;
      throw error;
    },
  );
  if (stored) return { kind: 'gguf', gguf: (await validateModelFile(stored.path)).gguf };
  const reference = typeof name === 'string' ? parseModelReference(name) : name;
  switch (reference.kind) {
    case 'path':
      return { kind: 'gguf', gguf: (await validateModelFile(reference.path)).gguf };
    case 'catalog':
      return { kind: 'catalog', model: reference.model, quantization: reference.quantization };
    case 'hf':
      return {
        kind: 'gguf',
        gguf: await readRemoteGguf(reference.hub, options.hub ?? hubOptionsFromEnv(), options.signal),
      };
  }
}

/** The header of a GGUF on the hub, without downloading the weights. */
export async function readRemoteGguf(hub: HubFile, options: HubOptions, signal?: AbortSignal) {
  const metadata = await fetchHubFileMetadata(hub, options, signal);
  try {
    return await readGgufFileInfo(metadata.downloadUrl, {
      sourceType: 'network',
      logWarnings: false,
      spliceSplitFiles: false,
      fetchRetryOptions: { retries: 2, minTimeout: 500, maxTimeout: 2_000 },
      // Already resolved: keep node-llama-cpp's own Hugging Face URI handling (matched by host, with its own
      // token lookup) away from it.
      endpoints: { huggingFace: 'https://huggingface.invalid/' },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw new GatewayError(
      'model_download_failed',
      `cannot read the GGUF header of ${hub.repo}/${hub.file}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
