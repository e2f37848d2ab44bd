/**
 * From labelled splits to a weights file: train on the training split, quantise, then score the validation
 * split with the whole scanner (rules and classifier, as the policy will see it) to choose the thresholds.
 * Deterministic: the same splits and options give the same bytes.
 */
import { createHash } from 'node:crypto';
import { classifyText, type InjectionModel, type InjectionThresholds } from './classifier.ts';
import type { CorpusExample } from './corpus-file.ts';
import { flaggedRate, maxScore, thresholdAtFpr } from './detection-metrics.ts';
import { decodeModelFile, encodeModelFile, quantiseWeights, type InjectionModelFile } from './model-file.ts';
import { normalizeForMatching } from './normalize.ts';
import { screenInjection } from './screen-injection.ts';
import { seededRandom, trainInjectionWeights, type LabelledText, type TrainingOptions } from './train.ts';

/** False-positive rates the thresholds are chosen at, on the validation split's benign examples. */
export const THRESHOLD_TARGETS = { block: 0.01, indirect: 0.05 } as const;

/** A digest of the examples (text and label only), recorded so a weights file names the data it came from. */
export function corpusDigest(examples: readonly LabelledText[]): string {
  const hash = createHash('sha256');
  for (const example of examples) hash.update(`${example.label}\t${example.text}\n`);
  return hash.digest('hex');
}

/** Lengths, in windows, of the benign texts the length correction is measured on, and texts per length. */
const SLOPE_LENGTHS = [1, 2, 4, 8, 16, 32] as const;
const SLOPE_SAMPLES = 40;

/**
 * Measures how the best window's log-odds climbs with a benign text's length, for the classifier's length
 * correction: long texts are made by joining benign texts drawn at random (seeded) until they reach 1 to 32
 * windows, and the slope of the best window's log-odds over ln(windows) is fitted by least squares. The
 * corpus has no benign text longer than two windows, so joining its texts is the only long benign text the
 * build has. This repository's docs, cut to the same lengths, climbed at nearly the same slope as joined
 * validation texts when this was written (0.66 and 0.64; 0.53 for joined training texts, which the model has
 * seen), so the joined texts stand in for long prose fairly.
 */
export function measureLengthSlope(model: InjectionModel, benign: readonly string[], seed: number): number {
  if (benign.length === 0) return 0;
  const uncorrected: InjectionModel = { ...model, lengthSlope: 0 };
  const random = seededRandom(seed);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const windows of SLOPE_LENGTHS) {
    for (let sample = 0; sample < SLOPE_SAMPLES; sample += 1) {
      const parts: string[] = [];
      let length = 0;
      while (length < windows * model.window) {
        const text = benign[Math.floor(random() * benign.length)] ?? '';
        parts.push(text);
        length += text.length + 2;
      }
      const normalized = normalizeForMatching(parts.join('\n\n')).text;
      // Kept off 0 and 1, whose log-odds are infinite.
      const probability = Math.min(
        1 - 1e-12,
        Math.max(1e-12, classifyText(uncorrected, normalized).probability),
      );
      xs.push(Math.log(Math.max(1, normalized.length / model.window)));
      ys.push(Math.log(probability / (1 - probability)));
    }
  }
  const mean = (values: readonly number[]): number =>
    values.reduce((sum, value) => sum + value, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  let covariance = 0;
  let variance = 0;
  for (let index = 0; index < xs.length; index += 1) {
    covariance += ((xs[index] ?? 0) - mx) * ((ys[index] ?? 0) - my);
    variance += ((xs[index] ?? 0) - mx) ** 2;
  }
  return variance === 0 ? 0 : Math.max(0, Number((covariance / variance).toFixed(4)));
}

function chooseThresholds(
  file: InjectionModelFile,
  validation: readonly CorpusExample[],
): InjectionThresholds {
  const model = decodeModelFile(file);
  const benign = validation
    .filter((example) => example.label === 0)
    .map((example) => maxScore(screenInjection(example.text, model)));
  const block = thresholdAtFpr(benign, THRESHOLD_TARGETS.block);
  return { block, indirect: Math.min(block, thresholdAtFpr(benign, THRESHOLD_TARGETS.indirect)) };
}

function validationReport(
  file: InjectionModelFile,
  validation: readonly CorpusExample[],
): Record<string, number> {
  const model = decodeModelFile(file);
  const scores = (label: 0 | 1): number[] =>
    validation
      .filter((example) => example.label === label)
      .map((example) => maxScore(screenInjection(example.text, model)));
  const attacks = scores(1);
  const benign = scores(0);
  const round = (value: number): number => Number(value.toFixed(4));
  return {
    attacks: attacks.length,
    benign: benign.length,
    tprAtBlock: round(flaggedRate(attacks, file.thresholds.block)),
    fprAtBlock: round(flaggedRate(benign, file.thresholds.block)),
    tprAtIndirect: round(flaggedRate(attacks, file.thresholds.indirect)),
    fprAtIndirect: round(flaggedRate(benign, file.thresholds.indirect)),
  };
}

/** Trains, quantises and calibrates a model; returns the weights file to write. */
export function buildInjectionModel(
  train: readonly CorpusExample[],
  validation: readonly CorpusExample[],
  options: TrainingOptions,
): InjectionModelFile {
  const trained = trainInjectionWeights(train, options);
  const quantised = quantiseWeights(trained.weights);
  const shape = { bits: options.bits, window: options.window, stride: options.stride, bias: trained.bias };
  const lengthSlope = measureLengthSlope(
    decodeModelFile(encodeModelFile(shape, quantised, { block: 0.5, indirect: 0.5 }, {})),
    validation.filter((example) => example.label === 0).map((example) => example.text),
    options.seed,
  );
  const geometry = { ...shape, lengthSlope };
  const training = {
    options,
    trainExamples: train.length,
    trainSha256: corpusDigest(train),
    validationSha256: corpusDigest(validation),
  };
  const provisional = encodeModelFile(geometry, quantised, { block: 0.5, indirect: 0.5 }, training);
  const thresholds = chooseThresholds(provisional, validation);
  const calibrated = encodeModelFile(geometry, quantised, thresholds, training);
  return encodeModelFile(geometry, quantised, thresholds, {
    ...training,
    validation: validationReport(calibrated, validation),
  });
}
