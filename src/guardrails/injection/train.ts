/**
 * Training of the injection classifier: logistic regression by stochastic gradient descent with a seeded
 * shuffle, so the same examples and options give the same weights bit for bit. Each example is scored like the
 * scanner scores it — every view, every window — and the gradient flows through its most suspicious window
 * (the sub-gradient of the max), which teaches the model to find an injection inside a long benign document.
 */
import { sigmoid, windowRanges } from './classifier.ts';
import { extractFeatures } from './features.ts';
import { collectViews } from './screening-views.ts';

/** A training example: text, whether it is an attack (1) or benign (0), and the template it came from if known. */
export interface LabelledText {
  readonly text: string;
  readonly label: 0 | 1;
  readonly template?: string;
}

/** Hyper-parameters; the defaults are what built the committed model. */
export interface TrainingOptions {
  readonly seed: number;
  readonly epochs: number;
  readonly bits: number;
  readonly window: number;
  readonly stride: number;
  readonly learningRate: number;
  readonly l2: number;
  /**
   * A feature is learned only if it occurs in at least this many templates (examples without a template count
   * as their own): a phrase one template always uses says nothing about attacks written another way.
   */
  readonly minTemplates: number;
}

/** The options the committed model was trained with. */
export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  seed: 1,
  epochs: 20,
  bits: 17,
  window: 512,
  stride: 128,
  learningRate: 0.5,
  l2: 1e-5,
  minTemplates: 1,
};

/** Trained float weights, before quantisation. */
export interface TrainedWeights {
  readonly bias: number;
  readonly weights: Float64Array;
}

/** An example's features: one bucket list and its windows as index ranges into it. */
interface Prepared {
  readonly buckets: Int32Array;
  readonly windows: readonly (readonly [number, number])[];
  readonly label: 0 | 1;
}

function prepare(example: LabelledText, options: TrainingOptions): Prepared {
  const parts: Int32Array[] = [];
  const windows: [number, number][] = [];
  let offset = 0;
  for (const view of collectViews(example.text)) {
    const features = extractFeatures(view.normalized.text, options.bits);
    parts.push(features.buckets.slice());
    const text = view.normalized.text;
    for (const range of windowRanges(features.positions, text.length, options.window, options.stride)) {
      windows.push([offset + range.lo, offset + range.hi]);
    }
    offset += features.length;
  }
  const buckets = new Int32Array(offset);
  let at = 0;
  for (const part of parts) {
    buckets.set(part, at);
    at += part.length;
  }
  return { buckets, windows, label: example.label };
}

/** Mulberry32: a small, seedable generator, enough for shuffling. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(length: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length }, (_, index) => index);
  for (let index = length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const swap = order[index] ?? 0;
    order[index] = order[other] ?? 0;
    order[other] = swap;
  }
  return order;
}

/** Which buckets occur in at least `minTemplates` distinct templates. */
function learnableBuckets(
  examples: readonly LabelledText[],
  prepared: readonly Prepared[],
  options: TrainingOptions,
): Uint8Array {
  const size = 2 ** options.bits;
  const learnable = new Uint8Array(size);
  if (options.minTemplates <= 1) return learnable.fill(1);
  const groups = new Map<string, number>();
  const groupOf = examples.map((example, index) => {
    const key = example.template ?? `#${index}`;
    if (!groups.has(key)) groups.set(key, groups.size);
    return groups.get(key) ?? 0;
  });
  const order = prepared.map((_, index) => index).sort((a, b) => (groupOf[a] ?? 0) - (groupOf[b] ?? 0));
  const lastGroup = new Int32Array(size).fill(-1);
  const counts = new Int32Array(size);
  for (const index of order) {
    const group = groupOf[index] ?? 0;
    for (const bucket of prepared[index]?.buckets ?? []) {
      if (lastGroup[bucket] === group) continue;
      lastGroup[bucket] = group;
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
  }
  for (let bucket = 0; bucket < size; bucket += 1)
    learnable[bucket] = (counts[bucket] ?? 0) >= options.minTemplates ? 1 : 0;
  return learnable;
}

function windowZ(weights: Float64Array, bias: number, buckets: Int32Array, lo: number, hi: number): number {
  let sum = 0;
  for (let j = lo; j < hi; j += 1) sum += weights[buckets[j] ?? 0] ?? 0;
  return hi > lo ? bias + sum / Math.sqrt(hi - lo) : bias;
}

/** Trains weights on labelled examples; deterministic for the same examples (in order) and options. */
export function trainInjectionWeights(
  examples: readonly LabelledText[],
  options: TrainingOptions,
): TrainedWeights {
  const prepared = examples.map((example) => prepare(example, options));
  const learnable = learnableBuckets(examples, prepared, options);
  const positives = prepared.filter((example) => example.label === 1).length;
  // Balanced classes: each class contributes half of the total gradient whatever its size.
  const classWeight = [
    prepared.length / (2 * (prepared.length - positives)),
    prepared.length / (2 * positives),
  ];
  const weights = new Float64Array(2 ** options.bits);
  let bias = 0;
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    const rate = options.learningRate / (1 + epoch);
    for (const index of shuffled(prepared.length, random)) {
      const example = prepared[index];
      if (example === undefined) continue;
      let best: readonly [number, number] = example.windows[0] ?? [0, 0];
      let bestZ = -Infinity;
      for (const window of example.windows) {
        const z = windowZ(weights, bias, example.buckets, window[0], window[1]);
        if (z > bestZ) [bestZ, best] = [z, window];
      }
      const gradient = (sigmoid(bestZ) - example.label) * (classWeight[example.label] ?? 1);
      const [lo, hi] = best;
      const step = hi > lo ? (rate * gradient) / Math.sqrt(hi - lo) : 0;
      bias -= rate * gradient * 0.1;
      for (let j = lo; j < hi; j += 1) {
        const bucket = example.buckets[j] ?? 0;
        if (learnable[bucket] === 1)
          weights[bucket] = (weights[bucket] ?? 0) * (1 - rate * options.l2) - step;
      }
    }
  }
  return { bias, weights };
}
