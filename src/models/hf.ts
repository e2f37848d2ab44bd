/**
 * The Hugging Face hub, spoken the way huggingface_hub does: `HEAD {endpoint}/{repo}/resolve/{revision}/{file}`
 * gives the size (X-Linked-Size), the LFS sha256 (X-Linked-ETag) and a redirect to the CDN; the bytes come
 * from the CDN, with Range requests to resume. The token goes only to the hub's own origin, never to a
 * redirect target elsewhere. HTTP(S)_PROXY and NO_PROXY are honoured.
 */
import type { Readable } from 'node:stream';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { GatewayError } from '../errors.ts';
import type { HubFile } from './model-reference.ts';

/** Where the hub is and who we are to it. */
export interface HubOptions {
  /** Without a trailing slash, e.g. `https://huggingface.co`. */
  readonly endpoint: string;
  readonly token: string | undefined;
  readonly dispatcher?: Dispatcher;
}

/** What the hub says about a file before it is downloaded. */
export interface HubFileMetadata {
  readonly size: number;
  /** The LFS object's sha256, when the file is in LFS (every GGUF is). */
  readonly sha256: string | undefined;
  readonly etag: string;
  /** The commit the revision resolved to. */
  readonly commit: string | undefined;
  /** Where to GET the bytes: the CDN URL the hub redirected to, or the resolve URL itself. */
  readonly downloadUrl: string;
}

/** An open download response; `body` must be consumed or destroyed. */
export interface HubDownload {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Readable;
}

const MAX_REDIRECTS = 5;
const sharedDispatcher = new EnvHttpProxyAgent({ headersTimeout: 30_000, bodyTimeout: 60_000 });

/** HF_ENDPOINT (default https://huggingface.co) and HF_TOKEN from the environment. */
export function hubOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): HubOptions {
  const endpoint = (env.HF_ENDPOINT || 'https://huggingface.co').replace(/\/+$/, '');
  return { endpoint, token: env.HF_TOKEN || undefined };
}

/** `{endpoint}/{repo}/resolve/{revision}/{file}`, each part URL-encoded. */
export function resolveUrl(endpoint: string, hub: HubFile): string {
  const file = hub.file.split('/').map(encodeURIComponent).join('/');
  return `${endpoint}/${hub.repo}/resolve/${encodeURIComponent(hub.revision)}/${file}`;
}

/** HEADs the file on the hub; throws GatewayError (`model_download_failed` or `hub_unreachable`). */
export async function fetchHubFileMetadata(
  hub: HubFile,
  options: HubOptions,
  signal?: AbortSignal,
): Promise<HubFileMetadata> {
  let url = resolveUrl(options.endpoint, hub);
  for (let redirects = 0; redirects <= MAX_REDIRECTS; redirects += 1) {
    const response = await send(url, 'HEAD', { 'accept-encoding': 'identity' }, options, signal);
    await response.body.dump();
    const location = header(response.headers, 'location');
    if (response.statusCode >= 300 && response.statusCode < 400 && location) {
      // As huggingface_hub: a relative redirect (a renamed repo) is followed; an absolute one is the CDN,
      // and the metadata is on this response.
      if (!/^[a-z][a-z0-9+.-]*:/i.test(location)) {
        url = new URL(location, url).href;
        continue;
      }
      return readMetadata(response.headers, location, hub);
    }
    if (response.statusCode >= 200 && response.statusCode < 300)
      return readMetadata(response.headers, url, hub);
    throw hubStatusError(response.statusCode, response.headers, hub, options);
  }
  throw new GatewayError(
    'model_download_failed',
    `${hub.repo}/${hub.file}: more than ${MAX_REDIRECTS} redirects`,
  );
}

/** GETs `url` from byte `start`, following redirects; the token only ever reaches the hub's origin. */
export async function openHubDownload(
  url: string,
  start: number,
  hub: HubFile,
  options: HubOptions,
  signal?: AbortSignal,
): Promise<HubDownload> {
  let current = url;
  for (let redirects = 0; redirects <= MAX_REDIRECTS; redirects += 1) {
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (start > 0) headers.range = `bytes=${start}-`;
    const response = await send(current, 'GET', headers, options, signal);
    const location = header(response.headers, 'location');
    if (response.statusCode >= 300 && response.statusCode < 400 && location) {
      await response.body.dump();
      current = new URL(location, current).href;
      continue;
    }
    if (response.statusCode >= 400) {
      await response.body.dump();
      throw hubStatusError(response.statusCode, response.headers, hub, options);
    }
    return { statusCode: response.statusCode, headers: response.headers, body: response.body };
  }
  throw new GatewayError(
    'model_download_failed',
    `${hub.repo}/${hub.file}: more than ${MAX_REDIRECTS} redirects`,
  );
}

/** True for a failure of the connection itself (not an HTTP answer): DNS, refused, reset, timeouts. */
export function isConnectionError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as NodeJS.ErrnoException).code ?? '';
    if (/^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ENETUNREACH|EHOSTUNREACH|ETIMEDOUT|EPIPE)$/.test(code))
      return true;
    if (code.startsWith('UND_ERR_') && code !== 'UND_ERR_ABORTED') return true;
    if (current.message === 'terminated' || current.message === 'other side closed') return true;
  }
  return false;
}

/** The error for a hub that cannot be reached: says so, and that the rest of Daulat still works. */
export function unreachableError(options: HubOptions, error: unknown): GatewayError {
  const detail = describeCause(error);
  return new GatewayError(
    'hub_unreachable',
    `cannot reach Hugging Face at ${options.endpoint} (${detail}): you appear to be offline. Models already in the store, and the rest of Daulat, still work`,
    { cause: error, isRetryable: true },
  );
}

async function send(
  url: string,
  method: 'HEAD' | 'GET',
  headers: Record<string, string>,
  options: HubOptions,
  signal: AbortSignal | undefined,
): Promise<Dispatcher.ResponseData> {
  const sameOrigin = new URL(url).origin === new URL(options.endpoint).origin;
  const withAuth =
    sameOrigin && options.token ? { ...headers, authorization: `Bearer ${options.token}` } : headers;
  try {
    return await request(url, {
      method,
      headers: { 'user-agent': 'daulat', ...withAuth },
      dispatcher: options.dispatcher ?? sharedDispatcher,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted || !isConnectionError(error)) throw error;
    throw unreachableError(options, error);
  }
}

function readMetadata(
  headers: Dispatcher.ResponseData['headers'],
  downloadUrl: string,
  hub: HubFile,
): HubFileMetadata {
  const linkedEtag = normaliseEtag(header(headers, 'x-linked-etag'));
  const etag = linkedEtag ?? normaliseEtag(header(headers, 'etag')) ?? '';
  const size = Number(header(headers, 'x-linked-size') ?? header(headers, 'content-length'));
  if (!Number.isSafeInteger(size) || size <= 0) {
    throw new GatewayError(
      'model_download_failed',
      `${hub.repo}/${hub.file}: the hub did not say how large the file is`,
    );
  }
  return {
    size,
    sha256: linkedEtag !== undefined && /^[0-9a-f]{64}$/.test(linkedEtag) ? linkedEtag : undefined,
    etag,
    commit: header(headers, 'x-repo-commit'),
    downloadUrl,
  };
}

function hubStatusError(
  status: number,
  headers: Dispatcher.ResponseData['headers'],
  hub: HubFile,
  options: HubOptions,
): GatewayError {
  const errorCode = header(headers, 'x-error-code');
  const what = `${hub.repo}/${hub.file}@${hub.revision}`;
  let message: string;
  if (status === 401 || status === 403) {
    message = options.token
      ? `Hugging Face refused ${what} (HTTP ${status}) although HF_TOKEN is set: the repository may not exist, or your token lacks access (accept the model's licence on its page)`
      : `Hugging Face refused ${what} (HTTP ${status}): the repository may not exist, or the model is gated or private: accept its licence on huggingface.co and set HF_TOKEN`;
  } else if (status === 404) {
    message =
      errorCode === 'RevisionNotFound'
        ? `revision '${hub.revision}' not found in ${hub.repo} (HTTP 404)`
        : errorCode === 'RepoNotFound'
          ? `repository ${hub.repo} not found on Hugging Face (HTTP 404)`
          : `${hub.repo} has no file '${hub.file}' at revision '${hub.revision}' (HTTP 404)`;
  } else {
    message = `Hugging Face answered HTTP ${status} for ${what}`;
  }
  return new GatewayError('model_download_failed', message, {
    upstreamStatus: status,
    isRetryable: status === 429 || status >= 500,
  });
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `W/"abc"` → `abc`. */
function normaliseEtag(value: string | undefined): string | undefined {
  return value?.replace(/^W\//, '').replace(/^"|"$/g, '') || undefined;
}

function describeCause(error: unknown): string {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code && !current.cause) return `${code}: ${current.message}`;
    if (!current.cause) return current.message;
  }
  return String(error);
}
