/**
 * One non-streaming upstream call as an undici dispatch handler: it collects the body into a string and
 * doubles as its own abort source (the caller's signal and the total timeout). Compared with `Pool.request`
 * it needs no AbortController, no abort listener inside undici and no Readable for the response body.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { CallState } from './errors.ts';
import type { CancelSignal } from '../../client-signal.ts';

/** A finished response: status, headers and the whole body as text (capped for non-2xx statuses). */
export interface UnaryResponse {
  readonly statusCode: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** Where a failed call was: before the response headers (`request`) or while reading the body. */
export type UnaryStage = 'request' | 'body';

/** Rejection reason of `UnaryCall.response`: the raw error and the stage it happened in. */
export class UnaryCallError extends Error {
  readonly stage: UnaryStage;

  constructor(stage: UnaryStage, cause: unknown) {
    super('upstream call failed', { cause });
    this.stage = stage;
  }
}

/**
 * Created per call by the engine and passed to `pool.dispatch`; `response` settles exactly once. Error
 * bodies are kept up to `errorBodyLimit` bytes; the rest is read and dropped so the connection is reused.
 */
export class UnaryCall implements CallState, Dispatcher.DispatchHandler {
  readonly client: CancelSignal;
  readonly deadlineMs: number;
  readonly response: Promise<UnaryResponse>;
  readonly #errorBodyLimit: number;
  #resolve!: (response: UnaryResponse) => void;
  #reject!: (error: UnaryCallError) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;
  #settled = false;
  #abortReason: Error | undefined;
  #statusCode = 0;
  #headers: IncomingHttpHeaders = {};
  #chunks: Buffer[] = [];
  #size = 0;

  constructor(client: CancelSignal, deadlineMs: number, errorBodyLimit: number) {
    this.client = client;
    this.deadlineMs = deadlineMs;
    this.#errorBodyLimit = errorBodyLimit;
    this.response = new Promise<UnaryResponse>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (client.aborted) {
      this.#abort(abortReason(client.reason));
      return;
    }
    // The object itself is the listener (`handleEvent`), so no closure is allocated per call.
    client.addEventListener('abort', this);
    if (deadlineMs > 0) this.#timer = setTimeout(UnaryCall.#expire, deadlineMs, this).unref();
  }

  /** True once the total timeout (not the caller) ended the call. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /** The caller's signal fired (EventListener protocol). */
  handleEvent(): void {
    this.#abort(abortReason(this.client.reason));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortReason !== undefined) controller.abort(this.#abortReason);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ) {
    this.#statusCode = statusCode;
    this.#headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#isSuccess()) this.#chunks.push(chunk);
    else if (this.#size < this.#errorBodyLimit) {
      const room = this.#errorBodyLimit - this.#size;
      this.#chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    } else return;
    this.#size += chunk.length;
  }

  onResponseEnd(): void {
    if (this.#settle()) {
      const text = bodyText(this.#chunks, this.#isSuccess() ? this.#size : this.#errorBodyLimit);
      this.#resolve({ statusCode: this.#statusCode, headers: this.#headers, text });
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#settle()) this.#reject(new UnaryCallError(this.#statusCode === 0 ? 'request' : 'body', error));
  }

  #isSuccess(): boolean {
    return this.#statusCode >= 200 && this.#statusCode < 300;
  }

  #abort(reason: Error): void {
    const stage = this.#statusCode === 0 ? 'request' : 'body';
    if (!this.#settle()) return;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
    this.#reject(new UnaryCallError(stage, reason));
  }

  /** Marks the call settled and tears down the timer and listener; false if it already was. */
  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.client.removeEventListener('abort', this);
    return true;
  }

  static #expire(this: void, call: UnaryCall): void {
    call.#timedOut = true;
    call.#abort(new DOMException(`total timeout of ${call.deadlineMs} ms passed`, 'TimeoutError'));
  }
}

function abortReason(reason: unknown): Error {
  return reason instanceof Error ? reason : new DOMException('the caller aborted', 'AbortError');
}

function bodyText(chunks: readonly Buffer[], limit: number): string {
  if (chunks.length === 1) return chunks[0]!.toString('utf8');
  const whole = Buffer.concat(chunks);
  return whole.toString('utf8', 0, Math.min(whole.length, limit));
}
