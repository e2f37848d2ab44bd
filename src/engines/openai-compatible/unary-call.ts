/**
 * One non-streaming upstream call as an undici dispatch handler: it collects the body, parses a 2xx answer's
 * JSON and turns anything else into its GatewayError, and doubles as its own abort source (the caller's
 * signal and its timeouts). Compared with `Pool.request` it needs no AbortController, no abort listener
 * inside undici and no Readable for the response body; and the engine awaits its one promise, not a second
 * async function around it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { OpenAICompatibleDeploymentConfig } from '../../config/schema.ts';
import type { GatewayError } from '../../errors.ts';
import {
  ERROR_BODY_LIMIT,
  invalidResponseError,
  statusError,
  transportError,
  type CallState,
} from './errors.ts';
import type { CancelSignal } from '../../client-signal.ts';
import { CallDeadline, type DeadlineOwner, type DeadlinePhase } from './call-deadline.ts';

/** A 2xx answer's body: its JSON value, and the text it was parsed from (see wire-forms.ts). */
export interface UpstreamJson {
  readonly value: unknown;
  readonly text: string;
}

/**
 * Created per call by the engine and passed to `pool.dispatch`; `body` settles exactly once. Error bodies are
 * kept up to ERROR_BODY_LIMIT bytes (for the error's message); the rest is read and dropped so the connection
 * is reused.
 */
export class UnaryCall implements CallState, DeadlineOwner, Dispatcher.DispatchHandler {
  readonly client: CancelSignal;
  readonly deadlineMs: number;
  /** A 2xx answer's JSON, parsed and as text; rejects with the GatewayError of any failure. */
  readonly body: Promise<UpstreamJson>;
  readonly #deployment: OpenAICompatibleDeploymentConfig;
  #resolve!: (body: UpstreamJson) => void;
  #reject!: (error: GatewayError) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #deadline: CallDeadline | undefined;
  #expired: DeadlinePhase | undefined;
  #settled = false;
  #abortReason: Error | undefined;
  #statusCode = 0;
  #headers: IncomingHttpHeaders = {};
  #chunks: Buffer[] = [];
  #size = 0;

  constructor(deployment: OpenAICompatibleDeploymentConfig, client: CancelSignal) {
    this.#deployment = deployment;
    this.client = client;
    this.deadlineMs = deployment.timeouts.total_ms;
    this.body = new Promise<UpstreamJson>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (client.aborted) {
      this.#abort(abortReason(client.reason));
      return;
    }
    // The object itself is the listener (`handleEvent`), so no closure is allocated per call.
    client.addEventListener('abort', this);
    this.#deadline = new CallDeadline(deployment.timeouts, this);
  }

  /** The timeout that ended the call, if one did. */
  get expired(): DeadlinePhase | undefined {
    return this.#expired;
  }

  /** A timeout ran out (DeadlineOwner). */
  expire(phase: DeadlinePhase): void {
    this.#expired = phase;
    this.#abort(new DOMException(`the ${phase} timeout passed`, 'TimeoutError'));
  }

  /** The caller's signal fired (EventListener protocol). */
  handleEvent(): void {
    this.#abort(abortReason(this.client.reason));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortReason !== undefined) controller.abort(this.#abortReason);
    else this.#deadline?.requestSent();
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ) {
    this.#statusCode = statusCode;
    this.#headers = headers;
    this.#deadline?.headersReceived();
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#deadline?.progress();
    if (this.#isSuccess()) this.#chunks.push(chunk);
    else if (this.#size < ERROR_BODY_LIMIT) {
      const room = ERROR_BODY_LIMIT - this.#size;
      this.#chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    } else return;
    this.#size += chunk.length;
  }

  onResponseEnd(): void {
    if (!this.#settle()) return;
    const name = this.#deployment.name;
    if (!this.#isSuccess()) {
      const text = bodyText(this.#chunks, ERROR_BODY_LIMIT);
      this.#reject(statusError(name, this.#statusCode, this.#headers, text));
      return;
    }
    const text = bodyText(this.#chunks, this.#size);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.#reject(invalidResponseError(name, 'the body is not valid JSON', error));
      return;
    }
    this.#resolve({ value, text });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#settle()) this.#reject(this.#failure(error));
  }

  #isSuccess(): boolean {
    return this.#statusCode >= 200 && this.#statusCode < 300;
  }

  #abort(reason: Error): void {
    if (this.#settled) return;
    const failure = this.#failure(reason);
    this.#settle();
    this.#abortReason = reason;
    this.#controller?.abort(reason);
    this.#reject(failure);
  }

  /** The GatewayError of a failure now: before the response headers, or while reading the body. */
  #failure(cause: unknown): GatewayError {
    return transportError(this.#deployment, cause, this, this.#statusCode === 0 ? 'request' : 'body');
  }

  /** Marks the call settled and tears down the deadline and listener; false if it already was. */
  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.#deadline?.stop();
    this.client.removeEventListener('abort', this);
    return true;
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
