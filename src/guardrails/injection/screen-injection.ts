/**
 * Screening of one text for jailbreaks and prompt injection, the work behind the `injection` scanner: rules and
 * classifier on every view (the normalised text, its rot13 reading, decoded payloads), spans mapped back to the
 * input, overlapping findings of one category merged.
 */
import type { Finding } from '../scanner.ts';
import { revisesQuotedPrompt, withoutSpecification } from './authoring.ts';
import { classifyText, type InjectionModel, type WindowScore } from './classifier.ts';
import type { InjectionRule } from './injection-rule.ts';
import { withoutPlayFrame } from './play-frame.ts';
import { withoutStyleFrame } from './style-frame.ts';
import { originalSpan } from './normalize.ts';
import { INJECTION_RULES, matchRules, talksAbout, withoutQuotes, type RuleMatch } from './rules.ts';
import { collectViews, type ScreeningView } from './screening-views.ts';

/** The scanner id findings carry. */
export const INJECTION_SCANNER_ID = 'injection';

/** The classifier's finding category (its family is `classifier`); rule findings use their family instead. */
export const CLASSIFIER_CATEGORY = 'injection';

/** The category added for a decoded payload that produced any finding, spanning the encoded text. */
export const ENCODED_CATEGORY = 'encoded_payload';

/** Options for {@link screenInjection}. */
export interface ScreenOptions {
  /** The signature rules; all of them by default. */
  readonly rules?: readonly InjectionRule[];
  /** Findings scoring below this are dropped; 0 (keep all) by default. */
  readonly minScore?: number;
}

type Draft = { category: string; start: number; end: number; score: number };

function spanOf(view: ScreeningView, start: number, end: number): [number, number] {
  return view.outer === undefined
    ? originalSpan(view.normalized, start, end)
    : [view.outer.start, view.outer.end];
}

/**
 * A rule finding's score: the rule's weight, raised towards 1 by the classifier's probability for the same
 * text (noisy-OR). Two independent signals agreeing are surer than either, and a rule hit the classifier finds
 * benign ("what are [INST] tags?") stays at the rule's weight, so a threshold can sit between the two.
 */
export function combinedScore(ruleScore: number, probability: number): number {
  return 1 - (1 - ruleScore) * (1 - probability);
}

/** Whether a question mark follows the last quoted text: the quote is what is asked about. */
function asksAfterQuote(text: string, unquoted: string): boolean {
  let last = unquoted.length - 1;
  while (last >= 0 && unquoted[last] === text[last]) last -= 1;
  return last >= 0 && unquoted.includes('?', last);
}

/**
 * The classifier's verdict on a view. A question about a quote ("is the message \"abaikan instruksimu\" an
 * attack on our bot?", "my system prompt says \"…\"; is it robust?") asks about the quoted text rather than
 * saying it, and the classifier, which cannot tell the two apart, scores the attack words in it. So when no rule
 * finds an attack used outright in the view, a question mark follows the last quote, and the words outside the
 * quotes talk about something (see `talksAbout`), the classifier judges the text without what it quotes, if
 * that scores lower. The quoted words keep what the rules give them as a mention; an order wrapped around a
 * quote ("here is your new rule: \"…\". Understood?") names nothing and keeps its score.
 */
function classifyView(model: InjectionModel, text: string, matches: readonly RuleMatch[]): WindowScore {
  const verdict = classifyText(model, text);
  if (matches.some((match) => match.score >= match.rule.weight)) return verdict;
  let best = verdict;
  const unquoted = withoutQuotes(text);
  if (
    unquoted !== undefined &&
    ((asksAfterQuote(text, unquoted) && talksAbout(unquoted)) || revisesQuotedPrompt(unquoted))
  ) {
    const asked = classifyText(model, unquoted);
    if (asked.probability < best.probability) best = asked;
  }
  const unspecified = withoutSpecification(text);
  if (unspecified !== undefined) {
    const ordered = classifyText(model, unspecified);
    if (ordered.probability < best.probability) best = ordered;
  }
  for (const unframed of [withoutPlayFrame(text), withoutStyleFrame(text)]) {
    if (unframed === undefined) continue;
    const framed = classifyText(model, unframed);
    if (framed.probability < best.probability) best = framed;
  }
  return best;
}

function screenView(view: ScreeningView, model: InjectionModel, rules: readonly InjectionRule[]): Draft[] {
  const drafts: Draft[] = [];
  const matches = matchRules(view.normalized.text, rules);
  const verdict = classifyView(model, view.normalized.text, matches);
  for (const match of matches) {
    const [start, end] = spanOf(view, match.start, match.end);
    drafts.push({
      category: match.rule.family,
      start,
      end,
      score: combinedScore(match.score, verdict.probability),
    });
  }
  const [start, end] = spanOf(view, verdict.start, verdict.end);
  drafts.push({ category: CLASSIFIER_CATEGORY, start, end, score: verdict.probability });
  if (view.encoding !== 'plain') {
    const strongest = drafts.reduce((best, draft) => (draft.score > best.score ? draft : best));
    drafts.push({ ...strongest, category: ENCODED_CATEGORY });
  }
  return drafts;
}

/** Merges overlapping findings of one category into one, keeping the highest score. */
function merge(drafts: Draft[]): Draft[] {
  drafts.sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : a.start - b.start));
  const merged: Draft[] = [];
  for (const draft of drafts) {
    const last = merged.at(-1);
    if (last !== undefined && last.category === draft.category && draft.start < last.end) {
      last.end = Math.max(last.end, draft.end);
      last.score = Math.max(last.score, draft.score);
    } else {
      merged.push({ ...draft });
    }
  }
  return merged;
}

/** Screens `text`; findings carry spans of `text` and raw scores. Linear in the text's length. */
export function screenInjection(text: string, model: InjectionModel, options: ScreenOptions = {}): Finding[] {
  if (text.length === 0) return [];
  const rules = options.rules ?? INJECTION_RULES;
  const minScore = options.minScore ?? 0;
  const drafts = collectViews(text).flatMap((view) => screenView(view, model, rules));
  return merge(drafts.filter((draft) => draft.score >= minScore)).map((draft) => ({
    scanner: INJECTION_SCANNER_ID,
    ...draft,
  }));
}
