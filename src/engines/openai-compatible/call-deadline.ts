/**
 * The timeouts of one upstream call — first byte, idle between chunks, total — on one timer. Progress (the
 * request sent, the headers, a chunk) only notes the time. The timer fires at the nearest deadline or after
 * the shortest of the timeouts, whichever is sooner, and then ends the call or is set again: every deadline
 * lies at least the shortest timeout after the progress that set it, so none is ever noticed late, and a
 * call that ends within the shortest timeout sets one timer and clears it.
 *
 * Undici can time the first two itself (`headersTimeout`, `bodyTimeout`), but with two different values it
 * makes a new timer at each phase, and a cleared undici timer stays referenced until its timer wheel next
 * turns (up to a second): at thousands of requests a second, thousands of dead timers outlived their requests
 * and were copied by every young-generation collection. The pool is built with both off, and this does their
 * work.
 */
import type { Timeouts } from '../../config/schema.ts';

/** Which timeout ended a call. */
export type DeadlinePhase = 'first_byte' | 'idle' | 'total';

/** The call a deadline ends: told once, with the phase whose time ran out. */
export interface DeadlineOwner {
  expire(phase: DeadlinePhase): void;
}

/** Created with its call; `stop()` when the call ends. A zero timeout is off. */
export class CallDeadline {
  readonly #timeouts: Timeouts;
  readonly #owner: DeadlineOwner;
  readonly #startedAt: number;
  /** When the current phase's clock started: the request sent, then the last chunk. */
  #progressAt: number;
  /** Until the request is sent (waiting for a connection), only the total timeout runs. */
  #sent = false;
  #headers = false;
  /** The reader holds the upstream back (backpressure): silence then is not the upstream's. */
  #paused = false;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(timeouts: Timeouts, owner: DeadlineOwner) {
    this.#timeouts = timeouts;
    this.#owner = owner;
    this.#startedAt = this.#progressAt = performance.now();
    this.#check();
  }

  /** The request is on its way: the first-byte clock starts (connecting has its own timeout). */
  requestSent(): void {
    this.#sent = true;
    this.#progressAt = performance.now();
  }

  /** The response headers arrived: from now on, silence is timed by the idle timeout. */
  headersReceived(): void {
    this.#headers = true;
    this.#progressAt = performance.now();
  }

  /** A body chunk arrived. */
  progress(): void {
    this.#progressAt = performance.now();
  }

  /** The reader paused (true) or resumed (false) the upstream; the idle clock restarts on resume. */
  setPaused(paused: boolean): void {
    this.#paused = paused;
    if (!paused) this.#progressAt = performance.now();
  }

  /** The call ended: no timeout applies any more. Idempotent. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Ends the call if a deadline has passed, or sets the timer again. */
  #check(): void {
    this.#timer = undefined;
    if (this.#stopped) return;
    const now = performance.now();
    const { total_ms: totalMs, first_byte_ms: firstByteMs, idle_ms: idleMs } = this.#timeouts;
    let phase: DeadlinePhase | undefined;
    let due = Infinity;
    if (totalMs > 0) {
      phase = 'total';
      due = this.#startedAt + totalMs;
    }
    const phaseMs = this.#headers ? idleMs : firstByteMs;
    // Paused by the reader, the upstream is not idle: the idle clock restarts when the reader resumes.
    const running = this.#headers ? !this.#paused : this.#sent;
    if (phaseMs > 0 && running && this.#progressAt + phaseMs < due) {
      phase = this.#headers ? 'idle' : 'first_byte';
      due = this.#progressAt + phaseMs;
    }
    if (due <= now && phase !== undefined) {
      this.#stopped = true;
      this.#owner.expire(phase);
      return;
    }
    const step = shortest(this.#timeouts);
    if (step === Infinity) return;
    this.#timer = setTimeout(CallDeadline.#fire, Math.ceil(Math.min(due - now, step)), this).unref();
  }

  static #fire(this: void, deadline: CallDeadline): void {
    deadline.#check();
  }
}

/** The shortest timeout that is on (Infinity when all are off). */
function shortest(timeouts: Timeouts): number {
  return Math.min(on(timeouts.first_byte_ms), on(timeouts.idle_ms), on(timeouts.total_ms));
}

function on(ms: number): number {
  return ms > 0 ? ms : Infinity;
}
