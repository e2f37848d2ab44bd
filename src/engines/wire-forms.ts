/**
 * The JSON a canonical object was made from, kept on it so that an adapter can send it on as it is.
 *
 * Daulat decodes every request into a canonical one and translates every upstream answer into a canonical
 * response — routing, limits, guardrails, the ledger and metrics all read those — and then writes each back out
 * in the other side's format. When what it would write is what it was given, building that JSON again is pure
 * cost: at 64 connections the request's translation and the response's encoding took about a tenth of the
 * gateway's CPU per request (docs/benchmarks.md). Whoever knows the format decides when that holds — the
 * OpenAI-compatible adapter for both directions — and the encoder or adapter takes the kept form back.
 *
 * The form is the object's `source`, defined non-enumerable: a request or response derived from the object —
 * redacted, given a canary, its placeholders restored, a choice blocked — is made by spreading it, which leaves
 * `source` behind, so a derived object is always translated or encoded from what it holds. Serialising, cloning
 * and comparing canonical objects do not see it either. (A WeakMap beside the objects would say the same, but
 * its entries, one per request keyed by a young object, cost every young-generation collection more than the
 * forms save.)
 */

/** A client's chat body, as parsed: the source of a request decoded with nothing filled in or dropped. */
export type ClientBody = Readonly<Record<string, unknown>>;

/** An upstream's JSON text: the source of a response it is exactly the encoding of, under `model`. */
export interface WireText {
  readonly model: string;
  readonly text: string;
}

/** The upstream's text kept on `response`, if it is the response's encoding under `model`. */
export function wireTextFor(response: { readonly source?: WireText }, model: string): string | undefined {
  const source = response.source;
  return source !== undefined && source.model === model ? source.text : undefined;
}

/** Makes `form` the `source` of `holder`: non-enumerable and read-only, so copies never carry it. */
export function attachSource<T>(holder: { readonly source?: T }, form: T): void {
  Object.defineProperty(holder, 'source', { value: form });
}
