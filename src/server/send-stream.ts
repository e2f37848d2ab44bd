/**
 * Writes a stream of canonical events to the client as SSE. The first event is written at once; later
 * events written in the same tick are corked into one socket write; backpressure is honoured; a client that leaves ends the loop (and with it the upstream).
 */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { ChatEvent } from '../engines/engine.ts';
import type { GatewayResult, RequestContext } from '../gateway/gateway.ts';
import { toGatewayError } from '../errors.ts';
import { sseError } from './encoders/openai-common.ts';
import { resultHeaders } from './result-headers.ts';

/** A stream encoder: SSE text per event, and the terminator of a stream that ended well. */
export interface StreamEncoder {
  encode(event: ChatEvent): string;
  done(): string;
}

/** Takes over the reply and streams `result` through `encoder`; never throws. */
export async function sendStream(
  reply: FastifyReply,
  result: GatewayResult<AsyncIterable<ChatEvent>>,
  encoder: StreamEncoder,
  context: RequestContext,
): Promise<void> {
  void reply.hijack();
  const response = reply.raw;
  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) headers[name] = value;
  response.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    ...resultHeaders(result),
  });
  let failed = false;
  let first = true;
  try {
    for await (const event of result.value) {
      if (event.type === 'error') failed = true;
      const text = encoder.encode(event);
      if (text === '') continue;
      // The first token leaves at once; later ones written in the same tick are coalesced.
      const flowing = first ? response.write(text) : write(response, text);
      first = false;
      if (!flowing) await waitForDrain(response, context.signal);
      if (context.signal.aborted) return;
    }
  } catch (error) {
    if (context.signal.aborted) return;
    failed = true;
    write(response, sseError(toGatewayError(error)));
  }
  if (!response.destroyed) response.end(failed ? undefined : encoder.done());
}

function write(response: ServerResponse, text: string): boolean {
  if (!response.writableCorked) {
    response.cork();
    // Uncork after the microtasks of this tick: every event already buffered goes out in one write.
    process.nextTick(() => response.uncork());
  }
  return response.write(text);
}

async function waitForDrain(response: ServerResponse, signal: AbortSignal): Promise<void> {
  try {
    await once(response, 'drain', { signal });
  } catch {
    // Aborted: the client left; the caller sees signal.aborted and stops.
  }
}
