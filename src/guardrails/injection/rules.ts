/**
 * Runs the rules over normalised text. A match inside quotation marks or after words that mark a
 * discussion ("the attack called …", "contoh serangan …") is a mention, not a use: its score is halved so the
 * classifier, which sees the whole sentence, decides.
 */
import { COMMON_RULES } from './common-rules.ts';
import { CONCEPT_RULES } from './concept-rules.ts';
import { ENGLISH_RULES } from './english-rules.ts';
import { INDONESIAN_RULES } from './indonesian-rules.ts';
import type { InjectionRule } from './injection-rule.ts';
import { INTENT_RULES } from './intent-rules.ts';
import { PUBLIC_FORM_RULES } from './public-form-rules.ts';
import { createRuleGate, type RuleGate } from './rule-gate.ts';

/**
 * Every rule: language-neutral signatures, English and Indonesian signatures, the concept and intent rules, then
 * the rules for published forms of the weakest families.
 */
export const INJECTION_RULES: readonly InjectionRule[] = [
  ...COMMON_RULES,
  ...ENGLISH_RULES,
  ...INDONESIAN_RULES,
  ...CONCEPT_RULES,
  ...INTENT_RULES,
  ...PUBLIC_FORM_RULES,
];

/** One rule match in normalised text: [start, end) and its score after the mention check. */
export interface RuleMatch {
  readonly rule: InjectionRule;
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

/** How much a quoted or discussed match keeps of its rule's weight. */
export const MENTION_FACTOR = 0.5;

const SENTENCE_END = new Set(['.', '!', '?', '\n']);
const DISCUSSION =
  /\b(?:attacks?|phrases?|prompt injections?|jailbreak(?:s|ing| prompts?)|techniques?|examples?|such as|known as|called|e\.g\.|for instance|formats?|templates?|syntax|classif\w*|detect\w*|defen[cs]\w*|research\w*|papers?|serangan|frasa|contoh(?:nya)?|teknik|disebut|misalnya|mendeteksi|deteksi|penelitian)\b/;
const LOOK_AROUND = 60;

const LETTER = /[a-z]/;

/** A quotation mark; an apostrophe between two letters ("don't") is not one. */
function isQuoteAt(text: string, index: number): boolean {
  const character = text[index];
  if (character === '"' || character === '`') return true;
  return character === "'" && !(LETTER.test(text[index - 1] ?? '') && LETTER.test(text[index + 1] ?? ''));
}

/** Whether a quote mark opens before `start` and one closes after `end`, within the same sentence. */
function isQuoted(text: string, start: number, end: number): boolean {
  let opened = false;
  for (let index = start - 1; index >= Math.max(0, start - LOOK_AROUND); index -= 1) {
    const character = text[index] ?? '';
    if (isQuoteAt(text, index)) {
      opened = true;
      break;
    }
    if (SENTENCE_END.has(character)) break;
  }
  if (!opened) return false;
  for (let index = end; index < Math.min(text.length, end + LOOK_AROUND); index += 1) {
    if (isQuoteAt(text, index)) return true;
    if (text[index] === '\n') return false;
  }
  return false;
}

/** Words right after a match that make it a mention of markup ("the [INST] tags", "im_start tokens"). */
const DISCUSSED_AFTER =
  /^\W{0,3}(?:tags?|tokens?|format|template|syntax|markers?|delimiters?|prefix|token)\b/;

/** The text with everything between a pair of quote marks blanked, same length; `undefined` if nothing is quoted. */
function withoutQuotes(text: string): string | undefined {
  let out = '';
  let open = -1;
  let last = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (!isQuoteAt(text, index)) continue;
    if (open < 0) {
      open = index;
      continue;
    }
    out += text.slice(last, open + 1) + ' '.repeat(index - open - 1);
    last = index;
    open = -1;
  }
  return last === 0 ? undefined : out + text.slice(last);
}

/**
 * Whether a match holds only because of what it quotes: a concept rule's match spans its whole sentence, so
 * "text like \"ignore your instructions\"" is a mention though the quote marks sit inside the match. Payload
 * splitting quotes its parts and forged JSON turns quote their content by nature, so their rules are exempt.
 */
const anchoredPatterns = new WeakMap<InjectionRule, RegExp>();

function holdsOnlyInQuotes(rule: InjectionRule, matched: string): boolean {
  if (rule.family === 'payload_splitting' || rule.family === 'fake_turn') return false;
  const blanked = withoutQuotes(matched);
  if (blanked === undefined) return false;
  // A non-global copy: the rule's own pattern is mid-iteration in `collect`.
  let pattern = anchoredPatterns.get(rule);
  if (pattern === undefined) {
    pattern = new RegExp(rule.pattern.source);
    anchoredPatterns.set(rule, pattern);
  }
  return !pattern.test(blanked);
}

function isMention(rule: InjectionRule, text: string, start: number, end: number): boolean {
  return (
    isQuoted(text, start, end) ||
    holdsOnlyInQuotes(rule, text.slice(start, end)) ||
    DISCUSSION.test(text.slice(Math.max(0, start - LOOK_AROUND), start)) ||
    DISCUSSED_AFTER.test(text.slice(end, end + 24))
  );
}

const gates = new WeakMap<readonly InjectionRule[], RuleGate>();

function gateFor(rules: readonly InjectionRule[]): RuleGate {
  let gate = gates.get(rules);
  if (gate === undefined) {
    gate = createRuleGate(rules);
    gates.set(rules, gate);
  }
  return gate;
}

function collect(
  rule: InjectionRule,
  text: string,
  offset: number,
  slice: string,
  matches: RuleMatch[],
): void {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(slice); match !== null; match = pattern.exec(slice)) {
    const start = offset + match.index;
    const end = start + match[0].length;
    if (match[0].length === 0) pattern.lastIndex += 1;
    if (rule.notAfter?.test(text.slice(Math.max(0, start - 40), start)) === true) continue;
    const score = isMention(rule, text, start, end) ? rule.weight * MENTION_FACTOR : rule.weight;
    matches.push({ rule, start, end, score });
  }
}

/**
 * Every match of every rule in normalised text, in rule order; linear in the text's length. A rule woken by
 * an anchor runs only on the slices around its anchors, unless `wholeText` (which checks that slicing
 * changes nothing).
 */
export function matchRules(
  text: string,
  rules: readonly InjectionRule[] = INJECTION_RULES,
  options: { readonly wholeText?: boolean } = {},
): RuleMatch[] {
  const matches: RuleMatch[] = [];
  for (const { rule, regions } of gateFor(rules).wake(text)) {
    if (regions === undefined || options.wholeText === true) {
      collect(rule, text, 0, text, matches);
      continue;
    }
    for (const [start, end] of regions) collect(rule, text, start, text.slice(start, end), matches);
  }
  return matches;
}
