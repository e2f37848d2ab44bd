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

/** Where one target of an interleaved TTFT pass is reached. */
export interface TtftTarget {
  readonly origin: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** One target's part of an interleaved pass: its timings, and why it stopped early if it failed. */
export interface TtftTimings {
  readonly timings: StreamTiming[];
  failure?: unknown;
}

/** Streams to one target per turn; the first of each turn is not kept. */
const TURN = 10;

/**
 * Times streamed requests to several targets interleaved: one keep-alive connection to each, and a turn of
 * TURN streams to each target in order, until each has `count` kept or `maxSeconds` pass. These machines swing
 * by tens of percent within seconds; short turns put every target in the same moments, so a gap between two
 * targets is not the machine's drift between their rounds (measured a round per target, the same build's gap to
 * the minimal proxy moved by up to 0.5 ms from run to run). A turn's first stream is not kept: its target sat
 * idle while the others ran (29 ms a stream for Portkey), which one stream per turn made everyone pay. A target
 * that fails stops and keeps its error; the others go on.
 */
export async function measureTtftInterleaved(
  targets: readonly TtftTarget[],
  count: number,
  maxSeconds = Number.POSITIVE_INFINITY,
): Promise<TtftTimings[]> {
  const deadline = performance.now() + maxSeconds * 1000;
  const results: TtftTimings[] = targets.map(() => ({ timings: [] }));
  const requests = targets.map(({ origin, headers }) =>
    requestBytes(new URL(origin), chatHeaders(headers), chatBody('stream')),
  );
  const sockets: (Socket | undefined)[] = targets.map(() => undefined);
  const wanted = (result: TtftTimings): boolean =>
    result.failure === undefined && result.timings.length < count;
  try {
    while (results.some(wanted) && performance.now() < deadline) {
      for (let at = 0; at < targets.length; at++) {
        const result = results[at]!;
        try {
          for (let turn = 0; turn < TURN && wanted(result); turn++) {
            let socket = sockets[at];
            // A target may close after a response (connection: close); reconnect rather than fail.
            if (socket === undefined || socket.destroyed || socket.readyState !== 'open') {
              socket?.destroy();
              socket = await openSocket(new URL(targets[at]!.origin));
              sockets[at] = socket;
            }
            const timing = await timeOneStream(socket, requests[at]!);
            if (turn > 0) result.timings.push(timing);
          }
        } catch (error) {
          result.failure = error;
        }
      }
    }
  } finally {
    for (const socket of sockets) socket?.destroy();
  }
  return results;
}
