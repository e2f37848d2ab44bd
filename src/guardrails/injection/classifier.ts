/**
 * The injection classifier: logistic regression over hashed n-grams of normalised text. Long texts are scored
 * in overlapping windows and the most suspicious window wins, so an injection buried in a long document is not
 * diluted by the text around it and the cost stays linear in the length; its score is then corrected for the
 * number of windows it was the best of (see `lengthPenalty`).
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
  /**
   * How far the best window's log-odds climbs on benign text per e-fold of length (measured when the model is
   * built, see build-model.ts); subtracted per e-fold beyond one window, so a long text is judged like one
   * window. 0 for weights files that do not record it.
   */
  readonly lengthSlope: number;
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

/**
 * What the best window's log-odds loses for the length of the text. The best of many windows is the maximum of
 * many noisy scores, and a maximum climbs with the number of draws: on benign text it rises by about
 * `lengthSlope` per e-fold of windows (this repository's own docs, 7–19 KiB, reached 0.67–0.72 with nothing
 * suspicious in them). Subtracting that rise judges the best window of a long text as if it were the only
 * one, the way a test of many hypotheses is corrected for their number. Windows overlap (a stride of a quarter
 * window), so the count is of window-lengths in the text, not of windows; a text of one window loses nothing,
 * and an injection the rules recognise keeps its rule weight whatever the length. Training does not apply it:
 * training texts are at most about two windows long, where it is a small constant per text.
 */
export function lengthPenalty(model: InjectionModel, length: number): number {
  return model.lengthSlope * Math.log(Math.max(1, length / model.window));
}

/**
 * Scores normalised text: the probability of the highest window, corrected for the length of the text (see
 * {@link lengthPenalty}), and that window's span. Linear in the length.
 */
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
  const penalty = lengthPenalty(model, n);
  return penalty === 0 ? best : { ...best, probability: sigmoid(bestZ - penalty) };
}
