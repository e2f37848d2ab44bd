/**
 * The one interface every guardrail scanner implements. A scanner reports findings — what it saw, where, how
 * sure it is — and never decides: the policy (policy.ts) chooses allow, flag, redact or block per finding.
 * Findings carry spans, never the matched text, so no event or log line can leak a sensitive value.
 */

/** What kind of text is being scanned; indirect content (tools, retrieved documents) gets a stricter policy. */
export type TextSource = 'system' | 'user' | 'assistant' | 'tool' | 'retrieved' | 'output';

/** A data class for residency routing: what the text contains, whatever the exact entity. */
export type DataClass = 'national_id' | 'health' | 'financial' | 'secret' | 'personal';

/** One thing a scanner found in a text. Offsets are UTF-16 code units of the scanned text. */
export interface Finding {
  /** The scanner's id, e.g. `pii`, `secrets`, `injection`. */
  readonly scanner: string;
  /** What was found, e.g. `id_nik`, `card`, `email`, `aws_key`, `instruction_override`. */
  readonly category: string;
  /** The span of the evidence in the scanned text: [start, end). */
  readonly start: number;
  readonly end: number;
  /** Confidence, 0–1. */
  readonly score: number;
  /** The data class this finding puts the request in, for residency (none for attacks). */
  readonly dataClass?: DataClass;
}

/** What a scanner knows besides the text. */
export interface ScanContext {
  readonly source: TextSource;
}

/** No findings: the answer for most texts, shared rather than made anew (no caller adds to a scanner's answer). */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** A scanner of text: pure, synchronous and cheap (the hot path runs every scanner on every request). */
export interface TextScanner {
  readonly id: string;
  /** Relative cost, cheapest first: the pipeline runs scanners in this order. */
  readonly cost: number;
  /**
   * The longest text one finding can span, in UTF-16 code units: a stream screener holds back at most this
   * much output so a match split across chunks is still caught.
   */
  readonly maxMatchLength: number;
  scan(text: string, context: ScanContext): readonly Finding[];
}
