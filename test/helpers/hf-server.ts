/**
 * A local stand-in for Hugging Face, for pull tests: a hub server answering `/{repo}/resolve/{revision}/{file}`
 * with a 302 to a CDN server (a second local server, or the hub itself) and the headers huggingface_hub
 * reads (X-Linked-Size, X-Linked-ETag, ETag, X-Repo-Commit), HEAD and GET, Range requests with 206, an
 * optional token check, 404s — and failures on command: cut the connection mid-file, ignore Range,
 * advertise a wrong sha256.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One file the hub serves. */
export interface HubFileSpec {
  readonly repo: string;
  readonly file: string;
  readonly content: Buffer;
  /** Revisions that resolve to this file (default: `main`). */
  readonly revisions?: readonly string[];
  /** Advertise this sha256 instead of the content's (to test checksum mismatches). */
  readonly advertisedSha256?: string;
}

/** One request either server received. */
export interface HubRequest {
  readonly server: 'hub' | 'cdn';
  readonly method: string;
  readonly path: string;
  readonly range: string | undefined;
  readonly authorization: string | undefined;
  readonly status: number;
}

/** A running fake hub. */
export interface FakeHub {
  /** For HF_ENDPOINT. */
  readonly endpoint: string;
  readonly requests: HubRequest[];
  addFile(spec: HubFileSpec): void;
  /** When set, the hub answers 401 without this bearer token and 403 with another. */
  requiredToken: string | undefined;
  /** Byte counts after which the next CDN GETs, one each, cut the connection. */
  readonly cutAfter: number[];
  /** Answer Range requests with 200 and the whole file. */
  ignoreRange: boolean;
  close(): Promise<void>;
}

const COMMIT = 'a'.repeat(40);

/** Starts the hub (and, unless `sameOriginCdn`, a separate CDN server) on free loopback ports. */
export async function startFakeHub(options: { sameOriginCdn?: boolean } = {}): Promise<FakeHub> {
  const files = new Map<string, HubFileSpec & { sha256: string }>();
  const blobs = new Map<string, Buffer>();
  const sockets = new Set<Socket>();
  const hub: FakeHub = {
    endpoint: '',
    requests: [],
    requiredToken: undefined,
    cutAfter: [],
    ignoreRange: false,
    addFile(spec) {
      const sha256 = createHash('sha256').update(spec.content).digest('hex');
      blobs.set(sha256, spec.content);
      for (const revision of spec.revisions ?? ['main'])
        files.set(`${spec.repo}/resolve/${revision}/${spec.file}`, { ...spec, sha256 });
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
  const record = (server: 'hub' | 'cdn', request: IncomingMessage, status: number) =>
    hub.requests.push({
      server,
      method: request.method ?? '',
      path: request.url ?? '',
      range: request.headers.range,
      authorization: request.headers.authorization,
      status,
    });
  let cdnOrigin = '';
  const answerHub = (request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://hub').pathname.slice(1));
    if (path.startsWith('cdn/')) return answerCdn(request, response);
    const status = hubStatus(hub, files, request, path);
    record('hub', request, status.code);
    if (status.code !== 302) {
      response.writeHead(status.code, {
        'x-error-code': status.errorCode ?? '',
        'content-type': 'application/json',
      });
      return response.end(
        request.method === 'HEAD' ? undefined : JSON.stringify({ error: status.errorCode }),
      );
    }
    const found = files.get(path)!;
    response.writeHead(302, {
      location: `${cdnOrigin}/cdn/${found.sha256}?signature=test`,
      'x-linked-size': String(found.content.length),
      'x-linked-etag': `"${found.advertisedSha256 ?? found.sha256}"`,
      etag: `"${found.sha256.slice(0, 40)}"`,
      'x-repo-commit': COMMIT,
      'content-length': '0',
    });
    response.end();
  };
  const answerCdn = (request: IncomingMessage, response: ServerResponse) => {
    const sha = new URL(request.url ?? '/', 'http://cdn').pathname.split('/').pop() ?? '';
    const blob = blobs.get(sha);
    if (!blob) {
      record('cdn', request, 404);
      return void response.writeHead(404).end();
    }
    const start = hub.ignoreRange ? 0 : rangeStart(request.headers.range);
    if (start >= blob.length && start > 0) {
      record('cdn', request, 416);
      return void response.writeHead(416, { 'content-range': `bytes */${blob.length}` }).end();
    }
    const status = start > 0 ? 206 : 200;
    record('cdn', request, status);
    response.writeHead(status, {
      'content-length': String(blob.length - start),
      etag: `"${sha}"`,
      'accept-ranges': 'bytes',
      ...(status === 206 ? { 'content-range': `bytes ${start}-${blob.length - 1}/${blob.length}` } : {}),
    });
    if (request.method === 'HEAD') return response.end();
    const cut = hub.cutAfter.shift();
    if (cut === undefined) return response.end(blob.subarray(start));
    // The pause lets the client take the bytes in before the connection drops, as on a real network.
    response.write(blob.subarray(start, Math.min(blob.length, start + cut)), () => {
      setTimeout(() => request.socket.destroy(), 50);
    });
  };
  const servers: Server[] = [createServer(answerHub)];
  if (!options.sameOriginCdn) servers.push(createServer(answerCdn));
  for (const server of servers) {
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  const origin = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (hub as { endpoint: string }).endpoint = origin(servers[0]!);
  cdnOrigin = origin(servers[1] ?? servers[0]!);
  return hub;
}

function hubStatus(
  hub: FakeHub,
  files: ReadonlyMap<string, HubFileSpec>,
  request: IncomingMessage,
  path: string,
): { code: number; errorCode?: string } {
  if (hub.requiredToken !== undefined) {
    const authorization = request.headers.authorization;
    if (authorization === undefined) return { code: 401, errorCode: 'GatedRepo' };
    if (authorization !== `Bearer ${hub.requiredToken}`) return { code: 403, errorCode: 'GatedRepo' };
  }
  if (files.has(path)) return { code: 302 };
  const [org, name] = path.split('/');
  const repoKnown = [...files.keys()].some((key) => key.startsWith(`${org}/${name}/resolve/`));
  return { code: 404, errorCode: repoKnown ? 'EntryNotFound' : 'RepoNotFound' };
}

function rangeStart(range: string | undefined): number {
  const match = /^bytes=(\d+)-$/.exec(range ?? '');
  return match ? Number(match[1]) : 0;
}
