/**
 * Detection quality of the injection scanner on a labelled split: true-positive rate at a 1% false-positive
 * rate for the whole scanner, the rules alone and the classifier alone, broken down by family, language,
 * source and transform, and the rates at the committed thresholds.
 */
import { classifyText, type InjectionModel } from '../../src/guardrails/injection/classifier.ts';
import type { CorpusExample } from '../../src/guardrails/injection/corpus-file.ts';
import { flaggedRate, maxScore, thresholdAtFpr } from '../../src/guardrails/injection/detection-metrics.ts';
import { matchRules } from '../../src/guardrails/injection/rules.ts';
import { screenInjection } from '../../src/guardrails/injection/screen-injection.ts';
import { collectViews } from '../../src/guardrails/injection/screening-views.ts';

/** One example's scores from each detector. */
export interface ScoredExample {
  readonly example: CorpusExample;
  readonly scanner: number;
  readonly rules: number;
  readonly classifier: number;
}

/** Scores every example with the whole scanner, with the rules alone and with the classifier alone. */
export function scoreExamples(examples: readonly CorpusExample[], model: InjectionModel): ScoredExample[] {
  return examples.map((example) => {
    const views = collectViews(example.text);
    return {
      example,
      scanner: maxScore(screenInjection(example.text, model)),
      rules: Math.max(
        0,
        ...views.flatMap((view) => matchRules(view.normalized.text).map((match) => match.score)),
      ),
      classifier: Math.max(...views.map((view) => classifyText(model, view.normalized.text).probability)),
    };
  });
}

/** A row of a breakdown: a group's size and its flagged rate under each detector's own 1%-FPR threshold. */
export interface BreakdownRow {
  readonly group: string;
  readonly count: number;
  readonly scanner: number;
  readonly rules: number;
  readonly classifier: number;
  /** Flagged at the committed `block` threshold (attacks: TPR; benign: FPR). */
  readonly atBlock: number;
  readonly atIndirect: number;
}

type Detector = 'scanner' | 'rules' | 'classifier';

/** Thresholds at the target FPR on the benign examples, one per detector. */
export function thresholdsAt(scored: readonly ScoredExample[], fpr: number): Record<Detector, number> {
  const benign = scored.filter((item) => item.example.label === 0);
  const at = (detector: Detector): number =>
    thresholdAtFpr(
      benign.map((item) => item[detector]),
      fpr,
    );
  return { scanner: at('scanner'), rules: at('rules'), classifier: at('classifier') };
}

/** Groups examples of one label by a key and reports each group's flagged rates. */
export function breakdown(
  scored: readonly ScoredExample[],
  label: 0 | 1,
  key: (example: CorpusExample) => string,
  thresholds: Record<Detector, number>,
  committed: { block: number; indirect: number },
): BreakdownRow[] {
  const groups = new Map<string, ScoredExample[]>();
  for (const item of scored.filter((entry) => entry.example.label === label)) {
    const group = key(item.example);
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  const rate = (items: ScoredExample[], detector: Detector, threshold: number): number =>
    flaggedRate(
      items.map((item) => item[detector]),
      threshold,
    );
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, items]) => ({
      group,
      count: items.length,
      scanner: rate(items, 'scanner', thresholds.scanner),
      rules: rate(items, 'rules', thresholds.rules),
      classifier: rate(items, 'classifier', thresholds.classifier),
      atBlock: rate(items, 'scanner', committed.block),
      atIndirect: rate(items, 'scanner', committed.indirect),
    }));
}
