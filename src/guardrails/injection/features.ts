/**
 * Hashed features of normalised text for the injection classifier: character 3-, 4- and 5-grams and word
 * unigrams and bigrams, each hashed into 2^bits buckets. Each feature carries a position (where an n-gram
 * starts, where a word ends), in non-decreasing order, so windows of a long text are scored from prefix sums.
 */

/** Features of one text, in position order: bucket and position of each occurrence (views into scratch). */
export interface FeatureList {
  readonly buckets: Int32Array;
  readonly positions: Int32Array;
  readonly length: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Distinct odd multipliers per feature kind, so a trigram and a word with the same FNV state land apart.
const TRIGRAM = 0x9e3779b1;
const FOURGRAM = 0x85ebca77;
const FIVEGRAM = 0xc2b2ae3d;
const WORD = 0x27d4eb2f;
const BIGRAM = 0x165667b1;
const SKIPGRAM = 0xd3a2646d;

function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code >= 0xc0;
}

let scratchBuckets = new Int32Array(4096);
let scratchPositions = new Int32Array(4096);

function ensureCapacity(capacity: number): void {
  if (scratchBuckets.length >= capacity) return;
  scratchBuckets = new Int32Array(capacity * 2);
  scratchPositions = new Int32Array(capacity * 2);
}

/**
 * Extracts the features of normalised text. The result is a view of a shared scratch buffer, valid until the
 * next call: copy it to keep it (training does).
 */
export function extractFeatures(text: string, bits: number): FeatureList {
  // Multiplicative (Fibonacci) hashing: the top `bits` bits of state × odd constant.
  const shift = 32 - bits;
  const n = text.length;
  ensureCapacity(n * 6 + 8);
  const buckets = scratchBuckets;
  const positions = scratchPositions;
  let count = 0;
  let wordHash = FNV_OFFSET;
  let previousWord = 0;
  let secondWord = 0;
  for (let i = 0; i < n; i += 1) {
    const code = text.charCodeAt(i);
    if (i + 2 < n) {
      let hash = Math.imul(FNV_OFFSET ^ code, FNV_PRIME);
      hash = Math.imul(hash ^ text.charCodeAt(i + 1), FNV_PRIME);
      hash = Math.imul(hash ^ text.charCodeAt(i + 2), FNV_PRIME);
      buckets[count] = Math.imul(hash, TRIGRAM) >>> shift;
      positions[count++] = i;
      if (i + 3 < n) {
        hash = Math.imul(hash ^ text.charCodeAt(i + 3), FNV_PRIME);
        buckets[count] = Math.imul(hash, FOURGRAM) >>> shift;
        positions[count++] = i;
        if (i + 4 < n) {
          hash = Math.imul(hash ^ text.charCodeAt(i + 4), FNV_PRIME);
          buckets[count] = Math.imul(hash, FIVEGRAM) >>> shift;
          positions[count++] = i;
        }
      }
    }
    if (!isWordCode(code)) continue;
    wordHash = Math.imul(wordHash ^ code, FNV_PRIME);
    if (i + 1 < n && isWordCode(text.charCodeAt(i + 1))) continue;
    buckets[count] = Math.imul(wordHash, WORD) >>> shift;
    positions[count++] = i;
    if (previousWord !== 0) {
      buckets[count] = Math.imul(Math.imul(previousWord, FNV_PRIME) ^ wordHash, BIGRAM) >>> shift;
      positions[count++] = i;
    }
    if (secondWord !== 0) {
      buckets[count] = Math.imul(Math.imul(secondWord, FNV_PRIME) ^ wordHash, SKIPGRAM) >>> shift;
      positions[count++] = i;
    }
    secondWord = previousWord;
    previousWord = wordHash | 1;
    wordHash = FNV_OFFSET;
  }
  return { buckets: buckets.subarray(0, count), positions: positions.subarray(0, count), length: count };
}
