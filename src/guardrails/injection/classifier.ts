/**
 * The injection classifier: logistic regression over hashed n-grams of normalised text. Long texts are scored
 * in overlapping windows and the most suspicious window wins, so an injection buried in a long document is not
 * diluted by the text around it and the cost stays linear in the length.
 */
import { extractFeatures } from './features.ts';

/** Recommended thresholds on a finding's score: `block` for the user's own words, `indirect` for tool/retrieved. */
export interface InjectionThresholds {
  readonly block: number;
  readonly indirect: number;
}

/**
 * A loaded classifier: 8-bit weights over 2^bits buckets (weight = value × scale; a byte each keeps the table
 * in the CPU's cache, which is most of the classifier's speed), window geometry in normalised characters.
 */
export interface InjectionModel {
  readonly bits: number;
  readonly window: number;
  readonly stride: number;
  readonly bias: number;
  readonly scale: number;
  readonly weights: Int8Array;
  readonly thresholds: InjectionThresholds;
}

/** The classifier's verdict on a text: the probability of its most suspicious window, and where that is. */
export interface WindowScore {
  readonly probability: number;
  /** The window's [start, end) in normalised text. */
  readonly start: number;
  readonly end: number;
}

/** Window starts covering `length` characters: every `stride`, and the last one flush with the end. */
export function windowStarts(length: number, window: number, stride: number): number[] {
  if (length <= window) return [0];
  const starts: number[] = [];
  for (let start = 0; start + window < length; start += stride) starts.push(start);
  starts.push(length - window);
  return starts;
}

/** Index ranges [lo, hi) into a position-sorted feature list, one per window. */
export function windowRanges(
  positions: Int32Array,
  textLength: number,
  window: number,
  stride: number,
): { start: number; end: number; lo: number; hi: number }[] {
  const ranges: { start: number; end: number; lo: number; hi: number }[] = [];
  let lo = 0;
  let hi = 0;
  for (const start of windowStarts(textLength, window, stride)) {
    const end = Math.min(start + window, textLength);
    while (lo < positions.length && (positions[lo] ?? 0) < start) lo += 1;
    if (hi < lo) hi = lo;
    while (hi < positions.length && (positions[hi] ?? 0) < end) hi += 1;
    ranges.push({ start, end, lo, hi });
  }
  return ranges;
}

/** The logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

let weightSums = new Int32Array(4096);
let featureCounts = new Int32Array(4096);

/**
 * Feature counts beyond this (about 200 characters) are normalised by their mean, not by √count: training
 * texts are short (median 115 characters), and with √count a long benign window's score grew with its length
 * until ordinary documents crossed the block threshold (0.85–0.95 on this repository's own docs).
 */
const FULL_WEIGHT_FEATURES = 600;

function normaliser(count: number): number {
  return count <= FULL_WEIGHT_FEATURES ? Math.sqrt(count) : count / Math.sqrt(FULL_WEIGHT_FEATURES);
}

/** Scores normalised text: the highest window probability and that window's span. Linear in the length. */
export function classifyText(model: InjectionModel, text: string): WindowScore {
  const n = text.length;
  const features = extractFeatures(text, model.bits);
  if (weightSums.length < n + 1) {
    weightSums = new Int32Array(2 * n + 2);
    featureCounts = new Int32Array(2 * n + 2);
  }
  const sums = weightSums.fill(0, 0, n + 1);
  const counts = featureCounts.fill(0, 0, n + 1);
  const { buckets, positions } = features;
  const weights = model.weights;
  for (let j = 0; j < features.length; j += 1) {
    const at = (positions[j] as number) + 1;
    sums[at] = (sums[at] as number) + (weights[buckets[j] as number] as number);
    counts[at] = (counts[at] as number) + 1;
  }
  for (let i = 1; i <= n; i += 1) {
    sums[i] = (sums[i] as number) + (sums[i - 1] as number);
    counts[i] = (counts[i] as number) + (counts[i - 1] as number);
  }
  let best: WindowScore = { probability: sigmoid(model.bias), start: 0, end: n };
  let bestZ = -Infinity;
  const last = Math.max(0, n - model.window);
  for (let start = 0; ; start = Math.min(start + model.stride, last)) {
    const end = Math.min(start + model.window, n);
    const count = (counts[end] ?? 0) - (counts[start] ?? 0);
    const sum = ((sums[end] ?? 0) - (sums[start] ?? 0)) * model.scale;
    const z = model.bias + (count === 0 ? 0 : sum / normaliser(count));
    if (z > bestZ) {
      bestZ = z;
      best = { probability: sigmoid(z), start, end };
    }
    if (start === last) break;
  }
  return best;
}
