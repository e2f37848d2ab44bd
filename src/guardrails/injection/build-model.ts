/**
 * From labelled splits to a weights file: train on the training split, quantise, then score the validation
 * split with the whole scanner (rules and classifier, as the policy will see it) to choose the thresholds.
 * Deterministic: the same splits and options give the same bytes.
 */
import { createHash } from 'node:crypto';
import type { InjectionThresholds } from './classifier.ts';
import type { CorpusExample } from './corpus-file.ts';
import { flaggedRate, maxScore, thresholdAtFpr } from './detection-metrics.ts';
import { decodeModelFile, encodeModelFile, quantiseWeights, type InjectionModelFile } from './model-file.ts';
import { screenInjection } from './screen-injection.ts';
import { trainInjectionWeights, type LabelledText, type TrainingOptions } from './train.ts';

/** False-positive rates the thresholds are chosen at, on the validation split's benign examples. */
export const THRESHOLD_TARGETS = { block: 0.01, indirect: 0.05 } as const;

/** A digest of the examples (text and label only), recorded so a weights file names the data it came from. */
export function corpusDigest(examples: readonly LabelledText[]): string {
  const hash = createHash('sha256');
  for (const example of examples) hash.update(`${example.label}\t${example.text}\n`);
  return hash.digest('hex');
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
  const geometry = { bits: options.bits, window: options.window, stride: options.stride, bias: trained.bias };
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
