/**
 * The texts screened for one input: the normalised input itself, its rot13 reading when it looks like rot13,
 * and every plausible base64, hex or Unicode-tag payload decoded (two levels deep). The scanner runs rules and
 * classifier on each view; training sees the same views, so the classifier learns what the scanner will ask.
 */
import { DEFAULT_PAYLOAD_LIMITS, findEncodedPayloads, type PayloadEncoding } from './encoded-payloads.ts';
import { normalizeForMatching, rot13, type NormalizedText } from './normalize.ts';

/** One screened reading of the input. */
export interface ScreeningView {
  readonly encoding: 'plain' | 'rot13' | PayloadEncoding;
  readonly normalized: NormalizedText;
  /** For decoded payloads: the encoded text's [start, end) in the input, where every finding in it points. */
  readonly outer?: { readonly start: number; readonly end: number };
}

/** Decoding depth: a payload inside a payload is decoded, one inside that is not. */
const MAX_DEPTH = 2;
const MAX_VIEWS = 24;

const ROT13_MARKER = /\brot\W*[1i][3e]\b/;
// Common English and Indonesian words, and the same words rot13'd: rot13 text has many of the latter.
const PLAIN_WORDS =
  /\b(?:the|and|you|to|of|is|that|this|your|all|my|any|for|with|not|yang|dan|ini|untuk|dengan|tidak|kamu|semua|saya|ke|di)\b/g;
const ROT13_WORDS =
  /\b(?:gur|naq|lbh|gb|bs|vf|gung|guvf|lbhe|nyy|zl|nal|sbe|jvgu|abg|lnat|qna|vav|hagxh|qratna|gvqnx|xnzh|frzhn|fnln|xr|qv)\b/g;

function countMatches(pattern: RegExp, text: string): number {
  let count = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text) !== null) count += 1;
  return count;
}

/** Whether normalised text says it is rot13 or reads like it (more rot13'd than plain common words). */
export function looksLikeRot13(text: string): boolean {
  if (ROT13_MARKER.test(text)) return true;
  const rotated = countMatches(ROT13_WORDS, text);
  // Plain words are counted only when there are rot13 words to compare with: most text has none.
  return rotated >= 3 && rotated > countMatches(PLAIN_WORDS, text);
}

function addDecoded(
  views: ScreeningView[],
  text: string,
  depth: number,
  outer?: ScreeningView['outer'],
): void {
  if (depth >= MAX_DEPTH) return;
  for (const payload of findEncodedPayloads(text, DEFAULT_PAYLOAD_LIMITS)) {
    if (views.length >= MAX_VIEWS) return;
    const span = outer ?? { start: payload.start, end: payload.end };
    views.push({
      encoding: payload.encoding,
      normalized: normalizeForMatching(payload.decoded),
      outer: span,
    });
    addDecoded(views, payload.decoded, depth + 1, span);
  }
}

/** Every view of `text` to screen, the plain one first. */
export function collectViews(text: string): ScreeningView[] {
  const plain = normalizeForMatching(text);
  const views: ScreeningView[] = [{ encoding: 'plain', normalized: plain }];
  if (looksLikeRot13(plain.text)) views.push({ encoding: 'rot13', normalized: rot13(plain) });
  addDecoded(views, text, 0);
  return views;
}
