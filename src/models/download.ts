/**
 * Streams one hub file into `<file>.part`, resuming with a Range request after a broken connection (and
 * starting over when the server ignores the range), with exponential backoff between attempts.
 */
import { open, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError, isGatewayError } from '../errors.ts';
import { isConnectionError, openHubDownload, type HubFileMetadata, type HubOptions } from './hf.ts';
import type { HubFile } from './model-reference.ts';

/** How a download reports and retries. */
export interface DownloadOptions {
  readonly hub: HubOptions;
  readonly signal?: AbortSignal;
  /** Called as bytes arrive: bytes in the .part file so far, the file's size, bytes that were there before. */
  readonly onProgress?: (downloaded: number, total: number, resumedFrom: number) => void;
  readonly log?: (line: string) => void;
  /** Consecutive failed attempts tolerated (an attempt that made progress resets the count); default 5. */
  readonly retries?: number;
  /** First backoff; doubles per failure up to 30 s. Default 1000. */
  readonly retryDelayMs?: number;
}

const MAX_BACKOFF_MS = 30_000;

/** Downloads `meta.downloadUrl` into `part` until it holds `meta.size` bytes. Does not verify content. */
export async function downloadToPart(
  part: string,
  meta: HubFileMetadata,
  hub: HubFile,
  options: DownloadOptions,
): Promise<void> {
  const retries = options.retries ?? 5;
  let failures = 0;
  for (;;) {
    const have = await fileSize(part);
    if (have === meta.size) return;
    if (have > meta.size) {
      options.log?.(`${part} is larger than the file on the hub: starting over`);
      await rm(part, { force: true });
      continue;
    }
    try {
      await downloadFrom(part, have, meta, hub, options);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (isGatewayError(error) && error.upstreamStatus === 416) {
        options.log?.('the server cannot resume from here: starting over');
        await rm(part, { force: true });
        continue;
      }
      if (!isRetryable(error)) throw error;
      failures = (await fileSize(part)) > have ? 1 : failures + 1;
      if (failures > retries) throw exhausted(hub, retries, error);
      const delay = Math.min((options.retryDelayMs ?? 1_000) * 2 ** (failures - 1), MAX_BACKOFF_MS);
      options.log?.(
        `download interrupted (${describe(error)}): retrying in ${Math.round(delay / 100) / 10} s, attempt ${failures} of ${retries}`,
      );
      await sleep(delay, undefined, options.signal ? { signal: options.signal } : undefined);
    }
  }
}

async function downloadFrom(
  part: string,
  have: number,
  meta: HubFileMetadata,
  hub: HubFile,
  options: DownloadOptions,
): Promise<void> {
  const response = await openHubDownload(meta.downloadUrl, have, hub, options.hub, options.signal);
  const append = have > 0 && honouredRange(response.statusCode, response.headers['content-range'], have);
  if (have > 0 && !append) {
    if (response.statusCode !== 200) {
      response.body.destroy();
      throw new GatewayError(
        'model_download_failed',
        `${hub.repo}/${hub.file}: unexpected HTTP ${response.statusCode} to a range request`,
      );
    }
    options.log?.('the server ignored the range request: downloading from the start');
  }
  let downloaded = append ? have : 0;
  const resumedFrom = downloaded;
  options.onProgress?.(downloaded, meta.size, resumedFrom);
  // Each chunk is on disk before the next is read, so a broken connection loses nothing already received.
  const file = await open(part, append ? 'a' : 'w');
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      await file.write(chunk);
      downloaded += chunk.length;
      options.onProgress?.(downloaded, meta.size, resumedFrom);
    }
  } finally {
    await file.close();
    response.body.destroy();
  }
}

/** A resume is only safe on `206` whose Content-Range starts exactly where the .part file ends. */
function honouredRange(status: number, contentRange: string | string[] | undefined, have: number): boolean {
  const range = Array.isArray(contentRange) ? contentRange[0] : contentRange;
  return status === 206 && range !== undefined && range.startsWith(`bytes ${have}-`);
}

function isRetryable(error: unknown): boolean {
  if (isGatewayError(error)) return error.isRetryable;
  return isConnectionError(error);
}

function exhausted(hub: HubFile, retries: number, error: unknown): GatewayError {
  if (isGatewayError(error, 'hub_unreachable')) return error;
  return new GatewayError(
    'model_download_failed',
    `downloading ${hub.repo}/${hub.file} failed ${retries + 1} times in a row (${describe(error)}); run the pull again to resume`,
    {
      cause: error,
      ...(isGatewayError(error) && error.upstreamStatus ? { upstreamStatus: error.upstreamStatus } : {}),
    },
  );
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
