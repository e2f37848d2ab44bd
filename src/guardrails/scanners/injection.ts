/**
 * The `injection` scanner: jailbreak and prompt-injection screening (src/guardrails/injection/). Signature
 * rules give findings named after their attack family with a high fixed score; the classifier gives an
 * `injection` finding with its probability. The scanner reports raw scores and never decides: the policy
 * compares them with a threshold, lower for indirect content (`tool`, `retrieved`) than for the user's own
 * words — `thresholdFor(source)` gives the ones chosen on the validation split.
 */
import type { InjectionModel, InjectionThresholds } from '../injection/classifier.ts';
import { defaultInjectionModel } from '../injection/default-model.ts';
import type { InjectionRule } from '../injection/injection-rule.ts';
import { INJECTION_SCANNER_ID, screenInjection } from '../injection/screen-injection.ts';
import type { TextScanner, TextSource } from '../scanner.ts';

export {
  CLASSIFIER_CATEGORY,
  ENCODED_CATEGORY,
  INJECTION_SCANNER_ID,
} from '../injection/screen-injection.ts';

/** Options for {@link createInjectionScanner}. */
export interface InjectionScannerOptions {
  /** The classifier; the committed model by default. */
  readonly model?: InjectionModel;
  /** The signature rules; all of them by default. */
  readonly rules?: readonly InjectionRule[];
  /** Findings scoring below this are not reported; the model's `indirect` threshold by default. */
  readonly minScore?: number;
}

/** An injection scanner that also tells the policy which threshold fits which source. */
export interface InjectionScanner extends TextScanner {
  /** The thresholds chosen on the validation split when the model was trained. */
  readonly thresholds: InjectionThresholds;
  /** The recommended threshold for text from `source`: `indirect` for tool and retrieved content, else `block`. */
  thresholdFor(source: TextSource): number;
}

/** Creates the injection scanner. Pure and synchronous; linear in the text's length. */
export function createInjectionScanner(options: InjectionScannerOptions = {}): InjectionScanner {
  const model = options.model ?? defaultInjectionModel();
  const screenOptions = { minScore: options.minScore ?? model.thresholds.indirect, rules: options.rules };
  return {
    id: INJECTION_SCANNER_ID,
    cost: 20,
    // A classifier window is 512 normalised characters; the original text behind one is rarely longer than this.
    maxMatchLength: 4096,
    thresholds: model.thresholds,
    thresholdFor: (source) =>
      source === 'tool' || source === 'retrieved' ? model.thresholds.indirect : model.thresholds.block,
    scan: (text) => screenInjection(text, model, screenOptions),
  };
}
