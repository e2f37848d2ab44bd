import { fromTokenText, toTokenText } from './byte-level.ts';
import type { Random } from './random.ts';

/** Splits text into pre-tokens the way llama.cpp's `qwen2` pre-tokenizer does (`llama-bpe` groups up to 3 digits). */
export function preTokenize(text: string, pre: PreTokenizer): string[] {
  return text.match(PRE_TOKENIZER_PATTERNS[pre]) ?? [];
}

/** The pre-tokenizers the presets use; `deepseek-r1-qwen` is approximated with the `qwen2` pattern here. */
export type PreTokenizer = 'qwen2' | 'llama-bpe' | 'deepseek-r1-qwen';

const QWEN2_PATTERN =
  /(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;
const LLAMA3_PATTERN =
  /(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;
const PRE_TOKENIZER_PATTERNS: Record<PreTokenizer, RegExp> = {
  qwen2: QWEN2_PATTERN,
  'llama-bpe': LLAMA3_PATTERN,
  'deepseek-r1-qwen': QWEN2_PATTERN,
};

/** Learns up to `limit` BPE merges from `corpus`, most frequent pair first, ties broken by the pair's text. */
export function learnMerges(corpus: string, pre: PreTokenizer, limit: number): [string, string][] {
  const key = `${pre}:${limit}:${corpus.length}`;
  const cached = learnedCache.get(key);
  if (cached?.corpus === corpus) return cached.merges;
  const merges = learnAll(corpus, pre, limit);
  learnedCache.set(key, { corpus, merges });
  return merges;
}

const learnedCache = new Map<string, { corpus: string; merges: [string, string][] }>();

function learnAll(corpus: string, pre: PreTokenizer, limit: number): [string, string][] {
  const words = countWords(corpus, pre);
  const merges: [string, string][] = [];
  while (merges.length < limit) {
    const best = mostFrequentPair(words);
    if (best === undefined) break;
    merges.push(best);
    for (const word of words) word.symbols = mergePair(word.symbols, best[0], best[1]);
  }
  return merges;
}

/**
 * Adds `count` further merges, each joining a word-like token with a letters-only token, so a large vocabulary
 * is all reachable, decodable text (random models then print words, not byte soup). `taken` holds every token
 * text already in use and receives the new ones.
 */
export function padMerges(
  tokens: readonly string[],
  taken: Set<string>,
  count: number,
  random: Random,
): [string, string][] {
  const heads = tokens.filter((token) => /^ ?\p{L}+$/u.test(decode(token)));
  const tails = heads.filter((token) => /^\p{L}+$/u.test(decode(token)));
  const isTail = new Set(tails);
  if (heads.length === 0 || tails.length === 0)
    throw new Error('cannot pad a vocabulary without word tokens');
  const merges: [string, string][] = [];
  for (let attempts = 0; merges.length < count; attempts++) {
    if (attempts > 100 * count + 10_000)
      throw new Error(`could not find ${count} new tokens to pad the vocabulary`);
    const head = heads[random.nextInt(heads.length)]!;
    const tail = tails[random.nextInt(tails.length)]!;
    const joined = head + tail;
    if (taken.has(joined) || joined.length > 16) continue;
    taken.add(joined);
    merges.push([head, tail]);
    // Only short tokens join again, so the pool of short pairs never runs dry.
    if (joined.length > 8) continue;
    heads.push(joined);
    if (isTail.has(head)) {
      tails.push(joined);
      isTail.add(joined);
    }
  }
  return merges;
}

interface Word {
  symbols: string[];
  readonly count: number;
}

function countWords(corpus: string, pre: PreTokenizer): Word[] {
  const counts = new Map<string, number>();
  for (const piece of preTokenize(corpus, pre)) {
    const text = toTokenText(piece);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([text, count]) => ({ symbols: [...text], count }));
}

function mostFrequentPair(words: readonly Word[]): [string, string] | undefined {
  const counts = new Map<string, number>();
  for (const word of words) {
    for (let index = 0; index + 1 < word.symbols.length; index++) {
      const key = `${word.symbols[index]} ${word.symbols[index + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + word.count);
    }
  }
  let bestKey: string | undefined;
  let bestCount = 1;
  for (const [key, count] of counts) {
    if (count > bestCount || (count === bestCount && bestKey !== undefined && key < bestKey)) {
      bestKey = key;
      bestCount = count;
    }
  }
  if (bestKey === undefined) return undefined;
  const space = bestKey.indexOf(' ');
  return [bestKey.slice(0, space), bestKey.slice(space + 1)];
}

function mergePair(symbols: string[], left: string, right: string): string[] {
  const merged: string[] = [];
  for (let index = 0; index < symbols.length; index++) {
    if (index + 1 < symbols.length && symbols[index] === left && symbols[index + 1] === right) {
      merged.push(left + right);
      index++;
    } else {
      merged.push(symbols[index]!);
    }
  }
  return merged;
}

function decode(token: string): string {
  return fromTokenText(token).toString('utf8');
}
