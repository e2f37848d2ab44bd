/**
 * Per-deployment concurrency: at most `maxConcurrency` requests in flight and a FIFO queue of at most
 * `maxQueue` waiters. A freed slot passes straight to the oldest waiter; an aborted waiter leaves the queue.
 */
import type { CancelSignal } from '../client-signal.ts';

interface Waiter {
  readonly resolve: () => void;
  readonly signal: CancelSignal;
  readonly onAbort: () => void;
  previous: Waiter | undefined;
  next: Waiter | undefined;
}

/** A semaphore with a bounded FIFO queue; the router holds one per deployment. */
export class ConcurrencyLimiter {
  readonly maxConcurrency: number;
  readonly maxQueue: number;
  #active = 0;
  #queued = 0;
  // A doubly linked list: O(1) enqueue, dequeue and removal of an aborted waiter from the middle.
  #head: Waiter | undefined;
  #tail: Waiter | undefined;

  constructor(maxConcurrency: number, maxQueue: number) {
    this.maxConcurrency = maxConcurrency;
    this.maxQueue = maxQueue;
  }

  /** Requests holding a slot. */
  get active(): number {
    return this.#active;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.#queued;
  }

  /** Whether another waiter may join the queue. */
  get hasQueueRoom(): boolean {
    return this.#queued < this.maxQueue;
  }

  /** Takes a slot if one is free, without queueing. */
  tryAcquire(): boolean {
    // Freed slots pass directly to waiters, so a free slot implies an empty queue: this stays FIFO-fair.
    if (this.#active >= this.maxConcurrency) return false;
    this.#active += 1;
    return true;
  }

  /**
   * Waits in the queue for a slot; rejects with the abort reason when the signal aborts first.
   * Callers check `hasQueueRoom` first; joining a full queue throws a RangeError.
   */
  enqueue(signal: CancelSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortError(signal));
    if (this.tryAcquire()) return Promise.resolve();
    if (!this.hasQueueRoom) throw new RangeError('the queue is full');
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        signal,
        onAbort: () => {
          this.#unlink(waiter);
          reject(abortError(signal));
        },
        previous: this.#tail,
        next: undefined,
      };
      if (this.#tail === undefined) this.#head = waiter;
      else this.#tail.next = waiter;
      this.#tail = waiter;
      this.#queued += 1;
      signal.addEventListener('abort', waiter.onAbort, { once: true });
    });
  }

  /** Frees a slot, handing it to the oldest waiter if there is one. */
  release(): void {
    const waiter = this.#head;
    if (waiter === undefined) {
      if (this.#active > 0) this.#active -= 1;
      return;
    }
    this.#unlink(waiter);
    waiter.signal.removeEventListener('abort', waiter.onAbort);
    waiter.resolve();
  }

  #unlink(waiter: Waiter): void {
    if (waiter.previous === undefined) this.#head = waiter.next;
    else waiter.previous.next = waiter.next;
    if (waiter.next === undefined) this.#tail = waiter.previous;
    else waiter.next.previous = waiter.previous;
    waiter.previous = undefined;
    waiter.next = undefined;
    this.#queued -= 1;
  }
}

function abortError(signal: CancelSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new Error('the wait for a slot was aborted', { cause: signal.reason });
}
