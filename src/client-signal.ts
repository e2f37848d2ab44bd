/**
 * The signal that a request's client has gone, without Node's AbortSignal.
 *
 * On Node 20 every AbortSignal is a platform object V8 cannot collect young: a server creating one per
 * request promotes several times the garbage into the old generation (measured in
 * docs/benchmarks-history.md), which costs major collections and resident memory under load. Daulat creates
 * one of these per request instead and makes a real AbortSignal only for an API that needs one
 * (`toAbortSignal`).
 */

/** What an abort listener may be; the same shapes AbortSignal accepts. */
export type AbortListener = ((event: Event) => void) | { handleEvent(event: Event): void };

/** The part of AbortSignal's interface Daulat relies on; an AbortSignal is one too. */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: AbortListener, options?: { readonly once?: boolean }): void;
  removeEventListener(type: 'abort', listener: AbortListener): void;
}

/** A request's cancellation: aborted once, listeners called once (as if added with `once: true`). */
export class ClientSignal implements CancelSignal {
  #aborted = false;
  #reason: unknown = undefined;
  #listeners: AbortListener[] | undefined;
  #bridge: AbortController | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  /** Every listener is called at most once, so `once` needs no handling. */
  addEventListener(type: 'abort', listener: AbortListener, _options?: { readonly once?: boolean }): void {
    if (type !== 'abort' || this.#aborted) return;
    const listeners = (this.#listeners ??= []);
    if (!listeners.includes(listener)) listeners.push(listener);
  }

  removeEventListener(type: 'abort', listener: AbortListener): void {
    const listeners = this.#listeners;
    if (type !== 'abort' || listeners === undefined) return;
    const index = listeners.indexOf(listener);
    if (index !== -1) listeners.splice(index, 1);
  }

  /** Aborts with `reason` (an AbortError by default) and calls every listener once; later calls do nothing. */
  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#bridge?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners === undefined) return;
    const event = new Event('abort');
    for (const listener of listeners) {
      try {
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      } catch (error) {
        // As EventTarget does: one listener's error neither stops the others nor reaches abort()'s caller.
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }

  /** A real AbortSignal that follows this one, made on first use. */
  get abortSignal(): AbortSignal {
    if (this.#bridge === undefined) {
      this.#bridge = new AbortController();
      if (this.#aborted) this.#bridge.abort(this.#reason);
    }
    return this.#bridge.signal;
  }
}

/** `signal` as a real AbortSignal, for APIs that need one (`AbortSignal.any`, `events.once`, fetch). */
export function toAbortSignal(signal: CancelSignal): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  if (signal instanceof ClientSignal) return signal.abortSignal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason));
  return controller.signal;
}
