import { BYTE_ORDER, BYTE_TO_CHARACTER, fromTokenText, toTokenText } from './byte-level.ts';
import { learnMerges, padMerges, preTokenize, type PreTokenizer } from './bpe-trainer.ts';
import { CORPUS } from './corpus.ts';
import { Random } from './random.ts';

/** llama.cpp's token types (`enum llama_token_type`) as stored in `tokenizer.ggml.token_type`. */
export const TokenType = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 } as const;

/**
 * An added token, stored verbatim. `control` tokens (<|im_end|>) are hidden when detokenizing without specials;
 * `user-defined` ones (<tool_call>, <think>) always print, as llama.cpp converts Qwen's non-special added tokens.
 */
export interface SpecialToken {
  readonly text: string;
  readonly type: 'control' | 'user-defined';
}

/** A byte-level BPE vocabulary as GGUF stores it. */
export interface Vocabulary {
  readonly tokens: readonly string[];
  readonly types: readonly number[];
  readonly merges: readonly string[];
  readonly pre: PreTokenizer;
}

/** What the vocabulary must hold: its exact size, added tokens, and texts that must each be one token. */
export interface VocabularyOptions {
  readonly size: number;
  readonly pre: PreTokenizer;
  readonly specials: readonly SpecialToken[];
  readonly extraTokens?: readonly string[];
}

/**
 * Builds a vocabulary of exactly `size` tokens: 256 byte tokens, merges learned from the corpus, padding merges,
 * then `extraTokens` not already present (as normal tokens), then the specials. Every token string is unique:
 * llama.cpp aborts on a repeated one. The same options always give the same vocabulary.
 */
export function buildVocabulary(options: VocabularyOptions): Vocabulary {
  const specialTexts = new Set(options.specials.map((special) => special.text));
  const room = options.size - options.specials.length;
  const tokens = BYTE_ORDER.map((byte) => BYTE_TO_CHARACTER[byte]!);
  const taken = new Set(tokens);
  const wanted = new Set(
    (options.extraTokens ?? []).filter((text) => !specialTexts.has(text)).map(toTokenText),
  );
  let missing = [...wanted].filter((text) => !taken.has(text)).length;
  const merges: string[] = [];
  // Two merges may spell the same token ("ab c", "a bc"): keep both merges, add the token once.
  for (const [left, right] of learnMerges(CORPUS, options.pre, room)) {
    const token = left + right;
    if (!taken.has(token) && tokens.length + missing >= room) break;
    merges.push(`${left} ${right}`);
    if (taken.has(token)) continue;
    tokens.push(token);
    taken.add(token);
    if (wanted.has(token)) missing--;
  }
  const extras = [...wanted].filter((text) => !taken.has(text));
  for (const text of [...extras, ...specialTexts]) taken.add(text);
  const paddingCount = room - tokens.length - extras.length;
  if (paddingCount < 0)
    throw new Error(`a vocabulary of ${options.size} tokens has no room for ${extras.length} extra tokens`);
  const padding = padMerges(tokens, taken, paddingCount, new Random(0, `vocabulary:${options.pre}`));
  // Loops, not spreads: the 0.5B vocabulary has 150k tokens, more than a call's argument limit.
  for (const [left, right] of padding) {
    tokens.push(left + right);
    merges.push(`${left} ${right}`);
  }
  for (const text of extras) tokens.push(text);
  const types: number[] = tokens.map(() => TokenType.normal);
  for (const special of options.specials) {
    tokens.push(special.text);
    types.push(special.type === 'control' ? TokenType.control : TokenType.userDefined);
  }
  assertUnique(tokens);
  return { tokens, types, merges, pre: options.pre };
}

/** Encodes and decodes text with a `Vocabulary` the way llama.cpp does, so tests can predict token ids. */
export class Tokenizer {
  readonly #vocabulary: Vocabulary;
  readonly #ids = new Map<string, number>();
  readonly #ranks = new Map<string, number>();
  readonly #added: { text: string; id: number; control: boolean }[] = [];
  readonly #cache = new Map<string, number[]>();

  constructor(vocabulary: Vocabulary) {
    this.#vocabulary = vocabulary;
    vocabulary.tokens.forEach((token, id) => this.#ids.set(token, id));
    vocabulary.merges.forEach((merge, rank) => this.#ranks.set(merge, rank));
    vocabulary.types.forEach((type, id) => {
      if (type === TokenType.control || type === TokenType.userDefined) {
        this.#added.push({ text: vocabulary.tokens[id]!, id, control: type === TokenType.control });
      }
    });
    this.#added.sort((left, right) => right.text.length - left.text.length);
  }

  /** The id of the token that reads as `text` (added tokens verbatim, others as their decoded text). */
  tokenId(text: string): number | undefined {
    const added = this.#added.find((token) => token.text === text);
    return added?.id ?? this.#ids.get(toTokenText(text));
  }

  /** Token ids for `text`; control tokens are recognised only when `special` is true, as in llama.cpp. */
  encode(text: string, special = true): number[] {
    const ids: number[] = [];
    let rest = text;
    while (rest.length > 0) {
      const next = this.#nextAddedToken(rest, special);
      const plain = next === undefined ? rest : rest.slice(0, next.at);
      for (const piece of preTokenize(plain, this.#vocabulary.pre))
        ids.push(...this.#encodeWord(toTokenText(piece)));
      if (next === undefined) break;
      ids.push(next.id);
      rest = rest.slice(next.at + next.text.length);
    }
    return ids;
  }

  /** The text of `ids`; control tokens are included only when `special` is true. */
  decode(ids: readonly number[], special = false): string {
    const parts: Buffer[] = [];
    for (const id of ids) {
      const type = this.#vocabulary.types[id];
      const token = this.#vocabulary.tokens[id] ?? '';
      if (type === TokenType.normal) parts.push(fromTokenText(token));
      else if (type === TokenType.userDefined || (type === TokenType.control && special))
        parts.push(Buffer.from(token));
    }
    return Buffer.concat(parts).toString('utf8');
  }

  #nextAddedToken(text: string, special: boolean): { at: number; text: string; id: number } | undefined {
    let found: { at: number; text: string; id: number } | undefined;
    for (const token of this.#added) {
      if (token.control && !special) continue;
      const at = text.indexOf(token.text);
      if (at >= 0 && (found === undefined || at < found.at)) found = { at, text: token.text, id: token.id };
    }
    return found;
  }

  #encodeWord(word: string): number[] {
    const cached = this.#cache.get(word);
    if (cached !== undefined) return cached;
    let symbols = [...word];
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let index = 0; index + 1 < symbols.length; index++) {
        const rank = this.#ranks.get(`${symbols[index]} ${symbols[index + 1]}`);
        if (rank !== undefined && rank < bestRank) {
          best = index;
          bestRank = rank;
        }
      }
      if (best < 0) break;
      symbols = [...symbols.slice(0, best), symbols[best]! + symbols[best + 1]!, ...symbols.slice(best + 2)];
    }
    const ids = symbols.map((symbol) => {
      const id = this.#ids.get(symbol);
      if (id === undefined) throw new Error(`merge result '${symbol}' is not in the vocabulary`);
      return id;
    });
    this.#cache.set(word, ids);
    return ids;
  }
}

function assertUnique(tokens: readonly string[]): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (seen.has(token)) throw new Error(`token '${token}' appears twice in the vocabulary`);
    seen.add(token);
  }
}
