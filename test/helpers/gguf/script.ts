import type { RowPatch } from './tensors.ts';

/** The logit margin by which each scripted next token beats every other token. */
export const SCRIPT_LOGIT_GAP = 30;

/**
 * Row patches that make a model with silent blocks (zero attn_output and ffn_down, so the final hidden state is
 * just the current token's embedding) a bigram model: after any of `starts` the argmax is path[0], after path[k-1]
 * it is path[k] (the last entry of `path` is EOS). Link k owns hidden dimension k: the embedding of its source is
 * the unit vector on k, which RMSNorm (unit weights) turns into √d on k; output row path[k] holds a large value on
 * k, every other row a small random one there. Other tokens' embeddings are zero on the link dimensions, so their
 * next-token distributions stay random. Needs an untied output matrix: tied logits would be symmetric.
 */
export function scriptPatches(
  starts: readonly number[],
  path: readonly number[],
  hiddenSize: number,
  outputStd: number,
): { patchEmbedding: RowPatch; patchOutput: RowPatch } {
  const links = path.length;
  if (links > hiddenSize)
    throw new Error(`a script of ${links - 1} entries needs more than ${hiddenSize} hidden dimensions`);
  if (new Set([...starts, ...path]).size !== starts.length + path.length) {
    throw new Error('scripted tokens must all differ from each other and from the start and EOS tokens');
  }
  const sourceLink = new Map([
    ...starts.map((token) => [token, 0] as const),
    ...path.slice(0, -1).map((token, link) => [token, link + 1] as const),
  ]);
  const targetLink = new Map(path.map((token, link) => [token, link]));
  // Random output values are uniform within ±√3·std, so this beats them all by the gap after RMSNorm's √d.
  const target = SCRIPT_LOGIT_GAP / Math.sqrt(hiddenSize) + Math.sqrt(3) * outputStd;
  return {
    patchEmbedding: (first, values, rowLength) => {
      for (let row = 0; row * rowLength < values.length; row++) {
        const vector = values.subarray(row * rowLength, (row + 1) * rowLength);
        const link = sourceLink.get(first + row);
        if (link === undefined) {
          vector.fill(0, 0, links);
        } else {
          vector.fill(0);
          vector[link] = 1;
        }
      }
    },
    patchOutput: (first, values, rowLength) => {
      for (let row = 0; row * rowLength < values.length; row++) {
        const link = targetLink.get(first + row);
        if (link !== undefined) values[row * rowLength + link] = target;
      }
    },
  };
}
