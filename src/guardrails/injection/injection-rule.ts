/**
 * One signature rule: a pattern over normalised text (lowercase, folded, leet undone) for one attack family.
 * Patterns are written without nested unbounded quantifiers, so each runs in time linear in the text.
 */

/** The attack families a finding can name; `injection` is the classifier's, the rest are the rules'. */
export type InjectionFamily =
  | 'instruction_override'
  | 'roleplay_persona'
  | 'prompt_extraction'
  | 'refusal_suppression'
  | 'payload_splitting'
  | 'fake_turn'
  | 'indirect_injection'
  | 'encoded_payload';

/** Every rule family, in a stable order (reports and tests iterate it). */
export const INJECTION_FAMILIES: readonly InjectionFamily[] = [
  'instruction_override',
  'roleplay_persona',
  'prompt_extraction',
  'refusal_suppression',
  'payload_splitting',
  'fake_turn',
  'indirect_injection',
  'encoded_payload',
];

/**
 * A signature rule. `weight` is the finding's score (0–1) when the match is not a quoted mention. `anchors`
 * are substrings at least one of which every match contains: the rule only runs on text that has one.
 */
export interface InjectionRule {
  readonly id: string;
  readonly family: InjectionFamily;
  readonly language: 'en' | 'id' | 'any';
  readonly weight: number;
  readonly anchors: readonly string[];
  readonly pattern: RegExp;
  /** A match is dropped when the 40 characters before it match this (a request to write such text). */
  readonly notAfter?: RegExp;
  /**
   * Whether the pattern may run on a slice of the text around its anchors: true unless it uses `^` or `$`,
   * whose meaning a slice would change. Every match must be shorter than {@link RULE_REACH}.
   */
  readonly regional: boolean;
}

/** The farthest a match may extend from the anchor it contains, in normalised characters. */
export const RULE_REACH = 1000;

/** Whether regular-expression source uses `^` or `$` as an assertion (outside classes, unescaped). */
function usesInputBoundaries(source: string): boolean {
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index];
    if (character === '\\') index += 1;
    else if (inClass) inClass = character !== ']';
    else if (character === '[') {
      inClass = true;
      if (source[index + 1] === '^') index += 1;
    } else if (character === '^' || character === '$') return true;
  }
  return false;
}

/**
 * Turns every literal `l` outside a character class into `[li]`: the normaliser maps a leet `1` to `i`, so
 * "a11 ru1es" arrives as "aii ruies" and must still match "all rules".
 */
export function tolerateLeetOne(source: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index] ?? '';
    if (character === '\\') {
      out += character + (source[index + 1] ?? '');
      index += 1;
    } else if (inClass) {
      inClass = character !== ']';
      out += character;
    } else if (character === '[') {
      inClass = true;
      out += character;
    } else {
      out += character === 'l' ? '[li]' : character;
    }
  }
  return out;
}

/** Builds a rule; `source` is a regular expression over normalised text, written in lowercase. */
export function defineRule(
  id: string,
  family: InjectionFamily,
  language: InjectionRule['language'],
  weight: number,
  anchors: readonly string[],
  source: string,
  notAfter?: string,
): InjectionRule {
  const pattern = new RegExp(tolerateLeetOne(source), 'g');
  const regional = !usesInputBoundaries(source);
  return notAfter === undefined
    ? { id, family, language, weight, anchors, pattern, regional }
    : {
        id,
        family,
        language,
        weight,
        anchors,
        pattern,
        regional,
        notAfter: new RegExp(`${tolerateLeetOne(notAfter)}$`),
      };
}

/** `(?:a|b|c)`: an alternation of words or sub-patterns. */
export function oneOf(...alternatives: readonly string[]): string {
  return `(?:${alternatives.join('|')})`;
}

/** Up to `count` arbitrary words with their separators, lazily: a bounded gap between two anchors. */
export function words(count: number): string {
  return `(?:[a-z'-]+[^a-z0-9]{1,3}){0,${count}}?`;
}

/**
 * A sentence (up to 300 characters, not crossing `.`, `!`, `?` or a newline) in which every concept occurs, in
 * any order: a rule for the ideas an attack is made of rather than one way of phrasing them. Each concept is
 * tried from the sentence's start by a bounded look-ahead, so the cost stays linear; put the cheapest first.
 */
export function sentenceWith(...concepts: readonly string[]): string {
  const lookaheads = concepts.map((concept) => `(?=[^.!?\\n]{0,300}?\\b${concept}\\b)`).join('');
  // A consumed boundary character, not a look-behind: the engine skips to candidate starts twice as fast.
  return `(?:^|[.!?\\n])${lookaheads}[^.!?\\n]{1,300}`;
}

/** A separator between two words; may be empty, because spaced-out letters collapse into one run. */
export const GAP = '[^a-z0-9]{0,3}';
