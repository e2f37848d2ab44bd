/**
 * Reads one upstream SSE response body as ChatEvents, taking bytes from the call only when the consumer
 * asks for the next event, so a slow client slows the upstream read (backpressure) instead of buffering it.
 */
import { StringDecoder } from 'node:string_decoder';
import type { OpenAICompatibleDeploymentConfig } from '../../config/schema.ts';
import { GatewayError } from '../../errors.ts';
import type { ChatEvent, ReadyAwareStream } from '../engine.ts';
import { SseParser, type SseEvent } from '../sse-parser.ts';
import { DeltaShortcut } from './delta-shortcut.ts';
import { invalidResponseError, streamPayloadError } from './errors.ts';
import type { StreamCall } from './stream-call.ts';
import type { StreamTranslator } from './translate-stream.ts';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
const PREVIEW_LIMIT = 200;
const EVENT_END = '\n\n';

/**
 * A single-consumer event stream over one upstream call's body. Every failure ends it with an `error` event;
 * stopping early (`return()`, i.e. `break` in `for await`) aborts the upstream request.
 */
export class UpstreamEventStream implements AsyncIterableIterator<ChatEvent>, ReadyAwareStream {
  readonly #translator: StreamTranslator;
  readonly #shortcut: DeltaShortcut;
  readonly #deployment: OpenAICompatibleDeploymentConfig;
  readonly #call: StreamCall;
  readonly #parser: SseParser;
  readonly #events: ChatEvent[] = [];
  #head = 0;
  /**
   * Parsed but not yet translated SSE events: translated one at a time as the consumer asks. Slots are
   * reused rather than the array emptied: `length = 0` drops its backing store, and each event would
   * allocate a new one.
   */
  readonly #raw: (SseEvent | undefined)[] = [];
  #rawHead = 0;
  #rawTail = 0;
  /**
   * Text read from the body that the parser has not seen yet. Each read is decoded once, whole (the decoder
   * keeps a character split between reads): cutting bytes per event and decoding each piece cost more than
   * parsing it.
   */
  #unparsed: string | undefined;
  readonly #decoder = new StringDecoder('utf8');
  /** No event will be queued any more; the queue may still hold some. */
  #ended = false;

  constructor(call: StreamCall, translator: StreamTranslator, deployment: OpenAICompatibleDeploymentConfig) {
    this.#translator = translator;
    this.#shortcut = new DeltaShortcut(translator.kind);
    this.#deployment = deployment;
    this.#call = call;
    this.#parser = new SseParser(this.#onRawEvent);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next event; reads and parses more of the body only when the queue is empty. */
  async next(): Promise<IteratorResult<ChatEvent, undefined>> {
    for (;;) {
      const event = this.takeReady();
      if (event !== undefined) return { done: false, value: event };
      if (this.#ended) return DONE;
      await new Promise<void>((resolve) => this.#call.wait(resolve));
    }
  }

  /**
   * The next event if it can be had from bytes already received, without waiting (ReadyAwareStream);
   * undefined when the stream ended or needs more bytes from the upstream.
   */
  takeReady(): ChatEvent | undefined {
    for (;;) {
      if (this.#head < this.#events.length) return this.#take();
      if (this.#ended) return undefined;
      // One upstream read often holds many events (a burst after prefill, or a server that batches tokens):
      // parsing and translating them one by one lets the first token leave before the rest are looked at.
      if (this.#rawHead < this.#rawTail) {
        const repeated = this.#translate(this.#takeRaw());
        if (repeated !== undefined) return repeated;
        continue;
      }
      if (this.#unparsed !== undefined) {
        this.#parseNextEvent(this.#unparsed);
        continue;
      }
      const chunk = this.#call.read();
      if (chunk !== null) {
        const text = this.#decoder.write(chunk);
        if (text !== '') this.#unparsed = text;
      } else if (this.#call.ended) this.#onBodyEnd();
      else if (this.#call.failure !== undefined) this.#fail(this.#call.failure);
      else return undefined;
    }
  }

  /** Stops early: aborts the upstream request unless the stream already ended. */
  return(): Promise<IteratorResult<ChatEvent, undefined>> {
    if (!this.#ended) this.#stop(true);
    this.#events.length = 0;
    this.#head = 0;
    this.#raw.length = 0;
    this.#rawHead = 0;
    this.#rawTail = 0;
    this.#unparsed = undefined;
    return Promise.resolve(DONE);
  }

  #take(): ChatEvent {
    const event = this.#events[this.#head++] as ChatEvent;
    if (this.#head === this.#events.length) {
      this.#events.length = 0;
      this.#head = 0;
    }
    return event;
  }

  /**
   * Feeds the parser up to the end of the next event (a blank line: `\n\n` cannot occur inside a line), or
   * all of `text` when no such end is in it; the rest waits for the next call.
   */
  #parseNextEvent(text: string): void {
    const end = text.indexOf(EVENT_END);
    if (end === -1 || end + EVENT_END.length >= text.length) {
      this.#unparsed = undefined;
      this.#parser.push(text);
      return;
    }
    this.#unparsed = text.slice(end + EVENT_END.length);
    this.#parser.push(text.slice(0, end + EVENT_END.length));
  }

  #takeRaw(): SseEvent {
    const event = this.#raw[this.#rawHead] as SseEvent;
    this.#raw[this.#rawHead++] = undefined;
    if (this.#rawHead === this.#rawTail) {
      this.#rawHead = 0;
      this.#rawTail = 0;
    }
    return event;
  }

  readonly #onRawEvent = (event: SseEvent): void => {
    this.#raw[this.#rawTail++] = event;
  };

  /**
   * Translates one SSE event into the queue, except a chunk the shortcut recognises, whose one event is
   * returned instead (the queue is empty whenever this runs, so nothing is overtaken) — most chunks of a
   * token stream, which then never touch the queue.
   */
  #translate(event: SseEvent): ChatEvent | undefined {
    if (this.#ended) return undefined;
    if (event.data === '[DONE]') return this.#stop(false);
    if (event.event === '') {
      const repeated = this.#shortcut.match(event.data);
      if (repeated !== undefined) return repeated;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(event.data);
    } catch (error) {
      const preview =
        event.data.length > PREVIEW_LIMIT ? `${event.data.slice(0, PREVIEW_LIMIT)}…` : event.data;
      return this.#fail(
        invalidResponseError(this.#deployment.name, `a stream chunk is not JSON: ${preview}`, error),
      );
    }
    // Some servers (TGI) name error events instead of wrapping them in `{"error": …}`.
    if (event.event === 'error') return this.#fail(streamPayloadError(this.#deployment.name, payload));
    const from = this.#events.length;
    if (this.#translator.push(payload, this.#events)) this.#shortcut.learn(event.data, this.#events, from);
    else this.#stop(true);
    return undefined;
  }

  #onBodyEnd(): void {
    // A last event without its blank line (often `data: [DONE]`) is only dispatched now.
    const rest = this.#decoder.end();
    if (rest !== '') this.#parser.push(rest);
    this.#parser.end();
    while (this.#rawHead < this.#rawTail && !this.#ended) {
      const repeated = this.#translate(this.#takeRaw());
      if (repeated !== undefined) this.#events.push(repeated);
    }
    if (this.#ended) return;
    if (this.#translator.isComplete) return this.#stop(false);
    const name = this.#deployment.name;
    this.#fail(
      new GatewayError('stream_interrupted', `deployment '${name}' ended the stream before it finished`, {
        isDeploymentFault: true,
      }),
    );
  }

  #fail(error: GatewayError): undefined {
    this.#translator.fail(error, this.#events);
    return this.#stop(true);
  }

  #stop(abort: boolean): undefined {
    this.#ended = true;
    this.#call.stop(abort);
    return undefined;
  }
}
