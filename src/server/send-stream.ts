/**
 * Writes a stream of canonical events to the client as SSE. The first token is written at once; other events
 * written in the same tick are joined into one socket write; backpressure is honoured; a client that leaves
 * ends the loop (and with it the upstream).
 */
import { once } from 'node:events';
import type { OutgoingHttpHeader, ServerResponse } from 'node:http';
import { isTokenEvent, readyTaker, type ChatEvent } from '../engines/engine.ts';
import type { GatewayResult, RequestContext } from '../gateway/gateway.ts';
import { toGatewayError } from '../errors.ts';
import { sseError } from './encoders/openai-common.ts';
import { pushResultHeaders } from './result-headers.ts';
import { toAbortSignal, type CancelSignal } from '../client-signal.ts';
import type { Exchange, FrontLoad } from './exchange.ts';

/** A stream encoder: SSE text per event, and the terminator of a stream that ended well. */
export interface StreamEncoder {
  encode(event: ChatEvent): string;
  done(): string;
}

/** What the writer needs of a ServerResponse. */
export type CoalescedResponse = Pick<ServerResponse, 'write' | 'uncork' | 'destroyed' | 'writableEnded'>;

/** Streams `result` through `encoder` as the exchange's answer; never throws. */
export async function sendStream(
  exchange: Exchange,
  result: GatewayResult<AsyncIterable<ChatEvent>>,
  encoder: StreamEncoder,
  context: RequestContext,
): Promise<void> {
  const response = exchange.response;
  // A flat name/value list, as writeJson writes (see there).
  const headers: OutgoingHttpHeader[] = [
    'x-request-id',
    exchange.id,
    'content-type',
    'text/event-stream; charset=utf-8',
    'cache-control',
    'no-cache',
    'x-accel-buffering',
    'no',
  ];
  pushResultHeaders(headers, result);
  response.writeHead(200, headers);
  const writer = new CoalescingWriter(response, exchange.load);
  const events = result.value[Symbol.asyncIterator]();
  // Events the stream already holds are taken without a promise and a microtask each, which `for await`
  // would spend on every one of them (a token stream's burst is most of its events).
  const takeReady = readyTaker(events);
  let failed = false;
  try {
    for (;;) {
      let event = takeReady();
      if (event === undefined) {
        const step = await events.next();
        if (step.done === true) break;
        event = step.value;
      }
      if (event.type === 'error') failed = true;
      const text = encoder.encode(event);
      if (text === '') continue;
      writer.write(text, isTokenEvent(event));
      if (response.writableNeedDrain) await waitForDrain(response, context.signal);
      // The client left: stopping the stream aborts the upstream request.
      if (context.signal.aborted) return await stop(events);
    }
  } catch (error) {
    await stop(events);
    if (context.signal.aborted) return;
    failed = true;
    writer.write(sseError(toGatewayError(error)), false);
  }
  if (!response.destroyed) response.end(writer.take() + (failed ? '' : encoder.done()));
}

/** Ends a stream the loop leaves early, as `for await` would; nothing is left to report if that fails. */
async function stop(events: AsyncIterator<ChatEvent>): Promise<void> {
  try {
    await events.return?.();
  } catch {
    // The stream is abandoned either way.
  }
}

/**
 * The first token is written at once, with whatever came before it (the role chunk); any other text is joined
 * with what else is written in the same tick and written once the tick's microtasks are done — a role chunk
 * alone still leaves within its tick. One string per write, not one per event: corking N writes would still
 * hand the socket N chunked-encoding frames (3N buffers) to writev.
 *
 * Node corks the socket at a response's first write until the next tick, so by itself the first token of a
 * burst read at once (a prefill's worth of tokens, or a server that batches them) would wait in the cork
 * while the rest of the burst is parsed, translated and encoded: ~90 µs at one connection, measured from the
 * upstream's bytes to the first write. So the cork is lifted after the first token, but only while this is the
 * only request the front is answering: with others in flight the process is busy anyway, and one write per
 * burst instead of two saves a syscall per stream for all of them, as TCP's own autocorking does when the link
 * is busy. (Streams in flight would not do: under load each burst is encoded to its end in one turn, so a
 * stream is nearly always the only one being written.)
 */
export class CoalescingWriter {
  readonly #response: CoalescedResponse;
  readonly #load: FrontLoad;
  #pending = '';
  #tokenSent = false;
  #scheduled = false;

  constructor(response: CoalescedResponse, load: FrontLoad) {
    this.#response = response;
    this.#load = load;
  }

  write(text: string, isToken: boolean): void {
    if (isToken && !this.#tokenSent) {
      this.#tokenSent = true;
      this.#response.write(this.take() + text);
      if (this.#load.requests === 1) this.#response.uncork();
      return;
    }
    this.#pending += text;
    if (!this.#scheduled) {
      this.#scheduled = true;
      process.nextTick(this.#flush);
    }
  }

  /** What is still waiting to be written; the caller writes it (with the stream's end). */
  take(): string {
    const text = this.#pending;
    this.#pending = '';
    return text;
  }

  readonly #flush = (): void => {
    this.#scheduled = false;
    const text = this.take();
    if (text !== '' && !this.#response.destroyed && !this.#response.writableEnded) this.#response.write(text);
  };
}

async function waitForDrain(response: ServerResponse, signal: CancelSignal): Promise<void> {
  try {
    await once(response, 'drain', { signal: toAbortSignal(signal) });
  } catch {
    // Aborted: the client left; the caller sees signal.aborted and stops.
  }
}
