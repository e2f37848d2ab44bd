/**
 * Replaces the spans of findings with placeholders, keeping the originals in the request's vault. The result
 * carries the redacted text and where each placeholder went, never a value.
 */
import type { Finding } from '../scanner.ts';
import { mergeOverlaps } from './merge-overlaps.ts';
import { writtenPlaceholders, type RedactionVault } from './vault.ts';

/** One replacement made, in the offsets of the original text. */
export interface Redaction {
  readonly category: string;
  readonly placeholder: string;
  readonly start: number;
  readonly end: number;
}

/** The redacted text and what was replaced. */
export interface RedactionResult {
  readonly text: string;
  readonly redactions: readonly Redaction[];
}

/** Redacts `findings` (from any scanners, overlaps allowed) in `text`, recording originals in `vault`. */
export function redact(text: string, findings: readonly Finding[], vault: RedactionVault): RedactionResult {
  const spans = mergeOverlaps(findings);
  if (spans.length === 0) return { text, redactions: [] };
  const parts: string[] = [];
  const redactions: Redaction[] = [];
  const written = writtenPlaceholders(text);
  let position = 0;
  for (const { category, start, end } of spans) {
    const placeholder = vault.placeholderFor(category, text.slice(start, end), written);
    parts.push(text.slice(position, start), placeholder);
    redactions.push({ category, placeholder, start, end });
    position = end;
  }
  parts.push(text.slice(position));
  return { text: parts.join(''), redactions };
}
