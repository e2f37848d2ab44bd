/**
 * The abort signal of one upstream call: the caller's signal plus the total timeout, torn down when the
 * call ends. Replaces `AbortSignal.any([signal, AbortSignal.timeout(ms)])`, which costs ~30 µs per call on
 * Node 20 and leaves its timer pending until garbage collection; this costs ~4 µs and clears its timer.
 */
import type { CallState } from './errors.ts';
import type { CancelSignal } from '../../client-signal.ts';

/** Created per call by the engine; `dispose()` must run when the call ends (response read, stream ended). */
export class CallSignal implements CallState {
  readonly client: CancelSignal;
  readonly deadlineMs: number;
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #expired: 'total' | undefined;

  constructor(client: CancelSignal, deadlineMs: number) {
    this.client = client;
    this.deadlineMs = deadlineMs;
    if (client.aborted) {
      this.#controller.abort(client.reason);
      return;
    }
    // The object itself is the listener (`handleEvent`), so no closure is allocated per call.
    client.addEventListener('abort', this);
    if (deadlineMs > 0) this.#timer = setTimeout(CallSignal.#expire, deadlineMs, this).unref();
  }

  /** Aborts when the caller aborts or the total timeout passes; give it to undici. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** 'total' once the total timeout (not the caller) aborted the call. */
  get expired(): 'total' | undefined {
    return this.#expired;
  }

  /** The caller's signal fired (EventListener protocol). */
  handleEvent(): void {
    this.dispose();
    this.#controller.abort(this.client.reason);
  }

  /** Clears the timer and the listener on the caller's signal; idempotent. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.client.removeEventListener('abort', this);
  }

  static #expire(this: void, call: CallSignal): void {
    call.#expired = 'total';
    call.dispose();
    call.#controller.abort(new DOMException(`total timeout of ${call.deadlineMs} ms passed`, 'TimeoutError'));
  }
}
