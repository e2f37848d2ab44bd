/** The prompts both sides evaluate: short chats for decoding, and one long document for prefill. */
import type { LlamaModel } from 'node-llama-cpp';

const WORDS = (
  'laporan keuangan bank nasabah rekening transaksi risiko kredit audit kepatuhan the quarterly report ' +
  'shows revenue growth across regions while operating costs remained stable and liquidity improved'
).split(' ');

/** A short user question, different per index so concurrent requests share no prefix. */
export function shortQuestion(index: number): string {
  return `Pertanyaan ${index}: ringkas ${WORDS[index % WORDS.length]} dan ${WORDS[(index * 7) % WORDS.length]}.`;
}

/** A document of about `tokens` tokens of this model's tokenizer. */
export function longDocument(model: LlamaModel, tokens: number): string {
  const text = Array.from(
    { length: tokens * 2 },
    (_, index) => `${WORDS[(index * 13) % WORDS.length]}${index % 97}`,
  ).join(' ');
  return model.detokenize(model.tokenize(text, false).slice(0, tokens));
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Aggregate decode tokens/s while every stream is decoding: tokens stamped between the last stream's first
 * token and the first stream's last token, over that window. Prefill, and prompt-prefix reuse, stay outside.
 */
export function steadyAggregate(streams: readonly (readonly number[])[]): number {
  const from = Math.max(...streams.map((stamps) => stamps[0] ?? Number.POSITIVE_INFINITY));
  const to = Math.min(...streams.map((stamps) => stamps.at(-1) ?? Number.NEGATIVE_INFINITY));
  if (!(to > from)) return Number.NaN;
  const tokens = streams.reduce(
    (sum, stamps) => sum + stamps.filter((stamp) => stamp > from && stamp <= to).length,
    0,
  );
  return tokens / ((to - from) / 1000);
}
