/**
 * Watches a stream of canonical events on its way to the client: notes usage, time to first token and
 * how it ended, and reports once when it is over — finished, failed, or abandoned by the client.
 * A plain iterator rather than an async generator: it sits on every event of every stream.
 */
import {
  isTokenEvent,
  readyTaker,
  type ChatEvent,
  type ReadyAwareStream,
  type Usage,
} from '../engines/engine.ts';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { RequestContext } from './gateway.ts';

/** How an observed stream ended. */
export interface StreamOutcome {
  readonly usage: Usage | undefined;
  readonly timeToFirstTokenMs: number | undefined;
  /** Set when the stream failed or the client went away. */
  readonly error: GatewayError | undefined;
  readonly cancelled: boolean;
}

/** Passes events through unchanged and calls `onEnd` exactly once, whatever way the stream ends. */
export function observeStream(
  events: AsyncIterable<ChatEvent>,
  context: RequestContext,
  onEnd: (outcome: StreamOutcome) => void,
): AsyncIterableIterator<ChatEvent> {
  return new ObservedStream(events[Symbol.asyncIterator](), context.startedAt, onEnd);
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

class ObservedStream implements AsyncIterableIterator<ChatEvent>, ReadyAwareStream {
  readonly #inner: AsyncIterator<ChatEvent>;
  readonly #takeInner: () => ChatEvent | undefined;
  readonly #startedAt: number;
  readonly #onEnd: (outcome: StreamOutcome) => void;
  #usage: Usage | undefined;
  #timeToFirstTokenMs: number | undefined;
  #error: GatewayError | undefined;
  #ended = false;

  constructor(inner: AsyncIterator<ChatEvent>, startedAt: number, onEnd: (outcome: StreamOutcome) => void) {
    this.#inner = inner;
    this.#takeInner = readyTaker(inner);
    this.#startedAt = startedAt;
    this.#onEnd = onEnd;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ChatEvent, undefined>> {
    if (this.#ended) return Promise.resolve(DONE);
    return this.#inner.next().then(this.#observe, this.#thrown);
  }

  /** The inner stream's next event when it already holds one (ReadyAwareStream), observed as `next` would. */
  takeReady(): ChatEvent | undefined {
    if (this.#ended) return undefined;
    const event = this.#takeInner();
    if (event !== undefined) this.#note(event);
    return event;
  }

  /** The consumer stopped early (the client left): stop the engine's stream, which aborts the upstream. */
  async return(): Promise<IteratorResult<ChatEvent, undefined>> {
    if (this.#ended) return DONE;
    this.#error ??= new GatewayError('client_closed', 'client closed the connection before the stream ended');
    this.#end();
    await this.#inner.return?.();
    return DONE;
  }

  readonly #observe = (result: IteratorResult<ChatEvent>): IteratorResult<ChatEvent, undefined> => {
    if (result.done === true) {
      this.#end();
      return DONE;
    }
    this.#note(result.value);
    return result;
  };

  #note(event: ChatEvent): void {
    if (event.type === 'usage') this.#usage = event.usage;
    else if (event.type === 'error') this.#error = event.error;
    else if (this.#timeToFirstTokenMs === undefined && isTokenEvent(event)) {
      this.#timeToFirstTokenMs = performance.now() - this.#startedAt;
    }
  }

  // Engines report failures as error events; this is the safety net for one that throws instead.
  readonly #thrown = (thrown: unknown): IteratorResult<ChatEvent, undefined> => {
    this.#error = toGatewayError(thrown);
    const event: ChatEvent = { type: 'error', error: this.#error };
    this.#end();
    return { done: false, value: event };
  };

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const error = this.#error;
    this.#onEnd({
      usage: this.#usage,
      timeToFirstTokenMs: this.#timeToFirstTokenMs,
      error,
      cancelled: error?.code === 'client_closed',
    });
  }
}
