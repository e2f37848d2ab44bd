/**
 * The JSON a canonical object was made from, kept on it so that an adapter can send it on as it is.
 *
 * Daulat decodes every request into a canonical one and translates every upstream answer into a canonical
 * response — routing, limits, guardrails, the ledger and metrics all read those — and then writes each back out
 * in the other side's format. When what it would write is what it was given, building that JSON again is pure
 * cost: at 64 connections the request's translation and the response's encoding took about a tenth of the
 * gateway's CPU per request (docs/benchmarks-history.md). Whoever knows the format decides when that holds —
 * the OpenAI-compatible adapter for both directions — and the encoder or adapter takes the kept form back.
 *
 * The form is kept in a private field stamped onto the object (see `Kept`): a request or response derived
 * from the object — redacted, given a canary, its placeholders restored, a choice blocked — is made by
 * spreading it, which copies no private field, so a derived object is always translated or encoded from what
 * it holds. Serialising, cloning and comparing canonical objects do not see it either. Two other ways were
 * measured and left: a non-enumerable property (`Object.defineProperty`) is a runtime call that cost ~3 µs a
 * request under load in CPU profiles, for two calls; a WeakMap beside the objects gives each young-generation
 * collection an ephemeron table to walk, which costs more than the forms save. A private field is added by
 * the same inline cache as an ordinary property.
 */
import type { ChatRequest, ChatResponse, EmbeddingResponse } from './engine.ts';

/** A client's chat body, as parsed: the source of a request decoded with nothing filled in or dropped. */
export type ClientBody = Readonly<Record<string, unknown>>;

/** An upstream's JSON text: the source of a response it is exactly the encoding of, under `model`. */
export interface WireText {
  readonly model: string;
  readonly text: string;
}

/**
 * A base whose constructor returns the object it is given: a subclass's `super(holder)` then makes `holder`
 * its `this`, and the subclass's private field is added to `holder` itself (ECMAScript's constructor return
 * override). Nothing else can read or copy that field.
 */
class Kept {
  constructor(holder: object) {
    return holder;
  }
}

/** The client's body on a chat request decoded from it with nothing filled in or dropped. */
class KeptClientBody extends Kept {
  readonly #body: ClientBody;

  constructor(request: ChatRequest, body: ClientBody) {
    super(request);
    this.#body = body;
  }

  static of(request: object): ClientBody | undefined {
    return #body in request ? request.#body : undefined;
  }
}

/** The upstream's text on a response that is exactly its encoding. */
class KeptWireText extends Kept {
  readonly #text: WireText;

  constructor(response: ChatResponse | EmbeddingResponse, text: WireText) {
    super(response);
    this.#text = text;
  }

  static of(response: object): WireText | undefined {
    return #text in response ? response.#text : undefined;
  }
}

/** Keeps `body` on `request`, which was decoded from it with nothing filled in or dropped. */
export function keepClientBody(request: ChatRequest, body: ClientBody): void {
  new KeptClientBody(request, body);
}

/** The client's body kept on `request` itself (never on a copy of it), if any. */
export function clientBodyOf(request: ChatRequest): ClientBody | undefined {
  return KeptClientBody.of(request);
}

/** Keeps the upstream's `text` on `response`, whose encoding under `text.model` it is. */
export function keepWireText(response: ChatResponse | EmbeddingResponse, text: WireText): void {
  new KeptWireText(response, text);
}

/** The upstream's text kept on `response`, if it is the response's encoding under `model`. */
export function wireTextFor(response: ChatResponse | EmbeddingResponse, model: string): string | undefined {
  const kept = KeptWireText.of(response);
  return kept !== undefined && kept.model === model ? kept.text : undefined;
}
