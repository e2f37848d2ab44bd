/**
 * Reads a guard model's answer. Llama Guard 3 answers `safe`, or `unsafe` and a line of categories
 * (`S1,S10`); Qwen3Guard answers `Safety: Safe|Unsafe|Controversial` and `Categories: Violent, …`. Models
 * drift — extra whitespace, capitals, a trailing period, categories on the same line — so the parser looks
 * for the verdict words rather than exact lines, and anything it cannot read is `unknown`, never `safe`.
 */

/** The guard-model families Daulat speaks to. */
export type GuardModelFormat = 'llama-guard-3' | 'qwen3-guard';

/** A parsed verdict. */
export interface GuardVerdict {
  readonly verdict: 'safe' | 'unsafe' | 'controversial' | 'unknown';
  /** Violated categories as the model names them (`S1`, `Violent`); empty when safe or unnamed. */
  readonly categories: readonly string[];
}

/** Parses `text` from a model of `format`. */
export function parseVerdict(format: GuardModelFormat, text: string): GuardVerdict {
  return format === 'llama-guard-3' ? parseLlamaGuard(text) : parseQwenGuard(text);
}

function parseLlamaGuard(text: string): GuardVerdict {
  const first = /\b(unsafe|safe)\b/i.exec(text);
  if (first === null) return { verdict: 'unknown', categories: [] };
  if (first[1]!.toLowerCase() === 'safe') return { verdict: 'safe', categories: [] };
  const rest = text.slice(first.index + first[0].length);
  const categories = [
    ...new Set([...rest.matchAll(/\bS(\d{1,2})\b/gi)].map((match) => `S${Number(match[1])}`)),
  ];
  return { verdict: 'unsafe', categories };
}

function parseQwenGuard(text: string): GuardVerdict {
  const safety = /safety\s*:\s*(safe|unsafe|controversial)\b/i.exec(text);
  if (safety === null) return { verdict: 'unknown', categories: [] };
  const verdict = safety[1]!.toLowerCase() as GuardVerdict['verdict'];
  if (verdict === 'safe') return { verdict, categories: [] };
  const listed = /categories\s*:\s*([^\n]*)/i.exec(text)?.[1] ?? '';
  const categories = listed
    .split(',')
    .map((category) => category.trim().replace(/[.]$/, ''))
    .filter((category) => category !== '' && category.toLowerCase() !== 'none');
  return { verdict, categories };
}
