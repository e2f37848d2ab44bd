/**
 * Time to first token at one connection, by a small raw HTTP/1.1 client (node:net plus http1-response.ts) in
 * the harness process, which is otherwise idle: from just before the request is written to the socket to the
 * first decoded body bytes that complete a non-empty `"content"` delta. Every stream is read to its end on one
 * keep-alive connection. A raw client is used because undici's own per-response cost (~0.2 ms here) would
 * blur sub-millisecond differences.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Http1ResponseReader } from './http1-response.ts';
import { CHAT_PATH, chatBody, chatHeaders } from './requests.ts';

const CONTENT_DELTA = /"content"\s*:\s*"[^"]/;

/** The result of one streamed request: milliseconds to the first content delta and to the last byte. */
export interface StreamTiming {
  readonly firstTokenMs: number;
  readonly totalMs: number;
}

function requestBytes(url: URL, headers: Record<string, string>, body: string): Buffer {
  const lines = [
    `POST ${CHAT_PATH} HTTP/1.1`,
    `host: ${url.host}`,
    `content-length: ${Buffer.byteLength(body)}`,
  ];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

function openSocket(url: URL): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });
}

function timeOneStream(socket: Socket, request: Buffer): Promise<StreamTiming> {
  return new Promise((resolve, reject) => {
    let firstTokenMs = Number.NaN;
    let text = '';
    const reader = new Http1ResponseReader((bytes) => {
      if (!Number.isNaN(firstTokenMs) && reader.status === 200) return;
      text += bytes.toString('utf8');
      if (CONTENT_DELTA.test(text)) firstTokenMs = performance.now() - start;
    });
    const finish = (error?: Error): void => {
      socket.off('data', onData).off('close', onClose);
      if (error !== undefined) reject(error);
      else if (reader.status !== 200) reject(new Error(`HTTP ${reader.status}: ${text.slice(0, 300)}`));
      else if (Number.isNaN(firstTokenMs))
        reject(new Error(`no content delta in the stream: ${text.slice(0, 300)}`));
      else resolve({ firstTokenMs, totalMs: performance.now() - start });
    };
    const onData = (data: Buffer): void => {
      try {
        if (reader.push(data)) finish();
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const onClose = (): void => finish(new Error('connection closed before the response ended'));
    socket.on('data', onData).on('close', onClose);
    const start = performance.now();
    socket.write(request);
  });
}

/**
 * Sends streamed requests one after another to `origin` over one connection — `count` of them, or as many as
 * fit in `maxSeconds` — and returns their timings.
 */
export async function measureTtft(
  origin: string,
  targetHeaders: Readonly<Record<string, string>>,
  count: number,
  maxSeconds = Number.POSITIVE_INFINITY,
): Promise<StreamTiming[]> {
  const deadline = performance.now() + maxSeconds * 1000;
  const url = new URL(origin);
  const request = requestBytes(url, chatHeaders(targetHeaders), chatBody('stream'));
  let socket = await openSocket(url);
  const timings: StreamTiming[] = [];
  try {
    for (let index = 0; index < count && performance.now() < deadline; index++) {
      // A target may close after a response (connection: close); reconnect rather than fail.
      if (socket.destroyed || socket.readyState !== 'open') socket = await openSocket(url);
      timings.push(await timeOneStream(socket, request));
    }
  } finally {
    socket.destroy();
  }
  return timings;
}
