/**
 * `daulat pull`: fetches a catalog model or `hf:` file into the store — metadata from the hub, the bytes
 * into `<file>.part` (resumable), size and sha256 verified, the GGUF validated, then renamed into place and
 * recorded in the manifest. A `.part` file is never taken for a model. A local .gguf path is recorded in place.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import lockfile from 'proper-lockfile';
import { GatewayError, isGatewayError } from '../errors.ts';
import { downloadToPart, type DownloadOptions } from './download.ts';
import { validateModelFile, type ModelInfo } from './gguf-info.ts';
import { fetchHubFileMetadata, hubOptionsFromEnv, type HubFileMetadata, type HubOptions } from './hf.ts';
import { parseModelReference, type ModelReference } from './model-reference.ts';
import { listModels, modelFilePath, recordModel, type ModelEntry, type ModelSource } from './store.ts';

/** Options for pullModel; everything is optional. */
export interface PullOptions extends Partial<Omit<DownloadOptions, 'hub'>> {
  readonly hub?: HubOptions;
  /** Called once the hub has said how large the file is, before any byte is downloaded. */
  readonly onMetadata?: (metadata: HubFileMetadata) => void;
}

/** The stored model after a pull. */
export interface PullResult {
  readonly entry: ModelEntry;
  readonly path: string;
  /** False when the store already had this exact file. */
  readonly downloaded: boolean;
}

/** Pulls `name` (catalog name, `hf:` reference or local .gguf path) into the store at `storeDir`. */
export async function pullModel(
  storeDir: string,
  name: string | ModelReference,
  options: PullOptions = {},
): Promise<PullResult> {
  const reference = typeof name === 'string' ? parseModelReference(name) : name;
  if (reference.kind === 'path') return addLocalModel(storeDir, reference.name, reference.path);
  const hubOptions = options.hub ?? hubOptionsFromEnv();
  const metadata = await fetchHubFileMetadata(reference.hub, hubOptions, options.signal);
  options.onMetadata?.(metadata);
  const target = join(storeDir, reference.hub.repo, reference.hub.file);
  const existing = await findExisting(storeDir, reference.name, target, metadata);
  if (existing) return { entry: existing, path: target, downloaded: false };
  await mkdir(dirname(target), { recursive: true });
  const release = await lockDownload(target, reference.name);
  try {
    const part = `${target}.part`;
    await checkDiskSpace(dirname(target), metadata.size, part);
    await downloadToPart(part, metadata, reference.hub, { ...options, hub: hubOptions }).catch(
      (error: unknown) => {
        throw diskFullOr(error, storeDir);
      },
    );
    options.log?.('verifying size and sha256');
    const sha256 = await verify(part, metadata, reference);
    const { info } = await validateOrDelete(part);
    await rename(part, target);
    const entry = toEntry(reference.name, relative(storeDir, target), sha256, info, sourceOf(reference));
    await recordModel(storeDir, entry);
    return { entry, path: target, downloaded: true };
  } finally {
    await release();
  }
}

/** Records a local .gguf file in the store under `name`, validated and hashed, without copying it. */
export async function addLocalModel(storeDir: string, name: string, path: string): Promise<PullResult> {
  const { info } = await validateModelFile(path);
  const entry = toEntry(name, path, await sha256Of(path), info, { kind: 'local', path });
  await recordModel(storeDir, entry);
  return { entry, path, downloaded: false };
}

/** The entry already in the store for this exact file, if any; a file renamed into place but never recorded is recorded now. */
async function findExisting(
  storeDir: string,
  name: string,
  target: string,
  metadata: HubFileMetadata,
): Promise<ModelEntry | undefined> {
  const size = await stat(target).then(
    (stats) => stats.size,
    () => undefined,
  );
  if (size !== metadata.size) return undefined;
  const entry = (await listModels(storeDir)).find((model) => model.name === name);
  if (
    entry &&
    modelFilePath(storeDir, entry) === target &&
    (!metadata.sha256 || entry.sha256 === metadata.sha256)
  )
    return entry;
  return undefined;
}

async function lockDownload(target: string, name: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(target, { realpath: false, lockfilePath: `${target}.lock`, stale: 30_000 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new GatewayError(
      'model_download_failed',
      `another pull of '${name}' is already running (lock ${target}.lock)`,
    );
  }
}

async function checkDiskSpace(dir: string, size: number, part: string): Promise<void> {
  const have = await stat(part).then(
    (stats) => stats.size,
    () => 0,
  );
  const stats = await statfs(dir);
  const free = stats.bavail * stats.bsize;
  if (free < size - have) {
    throw new GatewayError(
      'model_download_failed',
      `not enough disk space in ${dir}: the download needs ${gigabytes(size - have)} more, ${gigabytes(free)} is free`,
    );
  }
}

async function verify(part: string, metadata: HubFileMetadata, reference: ModelReference): Promise<string> {
  const size = (await stat(part)).size;
  const sha256 = await sha256Of(part);
  const mismatch =
    size !== metadata.size
      ? `its size is ${size} bytes, the hub says ${metadata.size}`
      : metadata.sha256 && sha256 !== metadata.sha256
        ? `its sha256 is ${sha256}, the hub says ${metadata.sha256}`
        : undefined;
  if (mismatch) {
    await rm(part, { force: true });
    throw new GatewayError(
      'model_download_failed',
      `checksum mismatch for ${reference.name}: ${mismatch}. The downloaded file was deleted; run the pull again`,
    );
  }
  return sha256;
}

async function validateOrDelete(part: string): Promise<Awaited<ReturnType<typeof validateModelFile>>> {
  try {
    return await validateModelFile(part);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

/** sha256 of a file, streamed. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

function toEntry(
  name: string,
  file: string,
  sha256: string,
  info: ModelInfo,
  source: ModelSource,
): ModelEntry {
  return {
    name,
    file,
    size: info.size,
    sha256,
    architecture: info.architecture,
    parameters: info.parameters,
    quantization: info.quantization,
    contextLength: info.contextLength ?? null,
    chatTemplate: info.chatTemplate ?? null,
    source,
    pulledAt: new Date().toISOString(),
  };
}

function sourceOf(reference: Exclude<ModelReference, { kind: 'path' }>): ModelSource {
  const { repo, file, revision } = reference.hub;
  return reference.kind === 'catalog'
    ? { kind: 'catalog', catalogName: reference.model.name, repo, file, revision }
    : { kind: 'hf', repo, file, revision };
}

function diskFullOr(error: unknown, storeDir: string): unknown {
  if (isGatewayError(error) || (error as NodeJS.ErrnoException).code !== 'ENOSPC') return error;
  return new GatewayError(
    'model_download_failed',
    `the disk holding ${storeDir} is full; free some space and pull again to resume`,
    {
      cause: error,
    },
  );
}

function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(2)} GB`;
}
