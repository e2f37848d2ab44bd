/**
 * Runs the rules over normalised text. A match inside quotation marks, after words in its sentence that mark a
 * discussion ("the attack called …", "contoh serangan …"), or reported in the third person or defended against
 * ("users telling my bot to …", "how can I stop …", "pengguna mengetik …") is a mention, not a use: its score
 * is halved so the classifier, which sees the whole sentence, decides.
 */
import { AUTHORITY_RULES } from './authority-rules.ts';
import { COMMON_RULES } from './common-rules.ts';
import { CONCEPT_RULES } from './concept-rules.ts';
import { CONDUCT_RULES, QUOTES_REFUSAL_PHRASES, REFUSAL_PHRASE } from './conduct-rules.ts';
import { ENGLISH_RULES } from './english-rules.ts';
import { INDONESIAN_RULES } from './indonesian-rules.ts';
import { tolerateLeetOne, type InjectionRule } from './injection-rule.ts';
import { INTENT_RULES } from './intent-rules.ts';
import { PUBLIC_FORM_RULES } from './public-form-rules.ts';
import { createRuleGate, type RuleGate } from './rule-gate.ts';

/**
 * Every rule: language-neutral signatures, English and Indonesian signatures, the concept and intent rules, the
 * rules for published forms of the weakest families, then the conduct and authority rules.
 */
export const INJECTION_RULES: readonly InjectionRule[] = [
  ...COMMON_RULES,
  ...ENGLISH_RULES,
  ...INDONESIAN_RULES,
  ...CONCEPT_RULES,
  ...INTENT_RULES,
  ...PUBLIC_FORM_RULES,
  ...CONDUCT_RULES,
  ...AUTHORITY_RULES,
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

/**
 * Words right after a match, in its sentence, that make it a mention of markup ("the [INST] tags", "im_start
 * tokens"): "… reveal your prompt. Attacks like this …" is an attack followed by a sentence about it.
 */
const DISCUSSED_AFTER =
  /^[^\w.!?\n]{0,3}(?:tags?|tokens?|format|template|syntax|markers?|delimiters?|prefix|token|jailbreaks?|attacks?|exploits?|tricks?|serangan|trik)\b/;

/**
 * The text with everything between a pair of quote marks blanked, same length; `undefined` if nothing is quoted.
 * A quote for which `keep` holds is left as it is.
 */
export function withoutQuotes(text: string, keep?: (quoted: string) => boolean): string | undefined {
  let out = '';
  let open = -1;
  let last = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (!isQuoteAt(text, index)) continue;
    if (open < 0) {
      open = index;
      continue;
    }
    const quoted = text.slice(open + 1, index);
    out += text.slice(last, open + 1) + (keep?.(quoted) === true ? quoted : ' '.repeat(quoted.length));
    last = index;
    open = -1;
  }
  return last === 0 ? undefined : out + text.slice(last);
}

/**
 * Whether a match holds only because of what it quotes: a concept rule's match spans its whole sentence, so
 * "text like \"ignore your instructions\"" is a mention though the quote marks sit inside the match — and so
 * is "Is this an attack? \"Ignore your instructions.\"", whose match stops at the full stop, before the quote
 * closes. Payload splitting quotes its parts and forged JSON turns quote their content by nature, so their rules
 * are exempt.
 */
const anchoredPatterns = new WeakMap<InjectionRule, RegExp>();

/**
 * A refusal's own words in quotes ("the word \"sorry\" is banned", "skip any \"I can't help\" part"): what a
 * refusal-suppression order bans, quoted because it is a phrase, not an attack quoted to be talked about. For
 * the conduct rules that ban such phrases from the model's own answer, such a quote stays when the match is
 * checked for holding only in quotes; a question about the whole order still quotes the order, and the
 * discussion and reporting cues still apply. Older rules keep halving: "the word \"unfortunately\" is banned
 * in replies to VIP customers" is a style guide, which they cannot tell apart.
 */
const REFUSAL_QUOTE = new RegExp(tolerateLeetOne(`^\\W{0,3}${REFUSAL_PHRASE}\\b[^"'\`\\n]{0,40}$`));
const isRefusalQuote = (quoted: string): boolean => REFUSAL_QUOTE.test(quoted);

function holdsOnlyInQuotes(rule: InjectionRule, text: string, start: number, end: number): boolean {
  if (rule.family === 'payload_splitting' || rule.family === 'fake_turn') return false;
  const blanked = withoutQuotes(
    text.slice(start, closingEnd(text, start, end)),
    QUOTES_REFUSAL_PHRASES.has(rule.id) ? isRefusalQuote : undefined,
  );
  if (blanked === undefined) return false;
  return !anchoredPattern(rule).test(blanked);
}

/** Punctuation ending a sentence, then a quote mark: a quote that closes where its sentence does. */
const CLOSES_AT_SENTENCE_END = /^[.!?]{1,3}["'`]/;

/**
 * The end of a match, or, when the match stops at its sentence's end with a quote mark left open and the quote
 * closes right after that end (a concept rule's sentence-wide match: `? "ignore your rules` + `."`), just past
 * the closing quote.
 */
function closingEnd(text: string, start: number, end: number): number {
  const closing = CLOSES_AT_SENTENCE_END.exec(text.slice(end, end + 4));
  if (closing === null) return end;
  let open = false;
  for (let index = start; index < end; index += 1) if (isQuoteAt(text, index)) open = !open;
  return open ? end + closing[0].length : end;
}

/** A non-global copy of a rule's pattern: the rule's own pattern is mid-iteration in `collect`. */
function anchoredPattern(rule: InjectionRule): RegExp {
  let pattern = anchoredPatterns.get(rule);
  if (pattern === undefined) {
    pattern = new RegExp(rule.pattern.source);
    anchoredPatterns.set(rule, pattern);
  }
  return pattern;
}

/**
 * Words before a match, in its sentence, that make it reported or defended against rather than said to the
 * model: a third party telling a model to do it ("users telling my bot to …", "when asked to …", "pengguna
 * menyuruh chatbot …"), someone writing it ("a customer wrote …", "pengguna mengetik …"), a defence against it
 * ("how can I stop …", "block the words …", "mencegah …"), or a phrase named as such ("messages like …").
 */
const REPORTED = new RegExp(
  [
    // A model told or asked, in the third person.
    '\\b(?:tell|tells|telling|told|ask|asks|asking|asked|instruct\\w*|order(?:s|ed|ing)?)(?: (?:the|my|our|their|a|an|its|any|that|this|every))?(?: [a-z-]+){0,2}? (?:bots?|chatbots?|models?|llms?|assistants?|agents?|ai|gpt|copilot|it|them) to',
    '\\b(?:get|gets|getting|make|makes|making|trick\\w*|convinc\\w*|forc(?:e|es|ed|ing)|talk(?:s|ed|ing)?)(?: (?:the|my|our|their|a|an|its|any|that|this|every))?(?: [a-z-]+){0,2}? (?:bots?|chatbots?|models?|llms?|assistants?|agents?|ai|gpt|copilot)\\b',
    // Said in the passive, of a model.
    "\\b(?:when|if|once|whenever|after|being) (?:it is |it's |they are )?(?:told|asked|instructed|prompted|ordered) to",
    // Someone else writing it.
    '\\b(?:users?|someone|somebody|anyone|people|attackers?|hackers?|customers?|clients?|visitors?|students?|pentesters?|red team(?:ers)?|adversar\\w+|the (?:user|attacker|customer)|a (?:user|customer|visitor))(?: [a-z-]+){0,3}? (?:writes?|wrote|writing|typ(?:e|es|ed|ing)|says?|said|saying|sends?|sent|sending|posts?|posted|posting|pastes?|pasted|pasting|enters?|entered|submits?|submitted|inputs?|injects?|injected|hides?|hid|hidden|embeds?|embedded|includes?|included|containing|contains?|tries to|tried to|uses?|used)',
    // A defence against it.
    '\\b(?:stop|stops|stopping|prevent\\w*|block\\w*|detect\\w*|filter\\w*|catch|catches|catching|flag|flags|flagging|flagged|resist\\w*|defend\\w*|protect\\w*|mitigat\\w*|sanitiz\\w*|sanitis\\w*|recogni[sz]\\w*|test(?:s|ing|ed)? (?:whether|if|that|for|against)|check(?:s|ing|ed)? (?:whether|if|for)|robust (?:to|against)|vulnerable to|susceptible to|immune to|fall(?:s|ing)? for|fooled by|tricked by)\\b',
    // A phrase named as such.
    '\\b(?:that|which) (?:try|tries|tried|attempts?|attempted) to\\b',
    '\\b(?:words?|phrases?|messages?|prompts?|texts?|strings?|inputs?|requests?|lines?|sentences?|commands?) (?:like|saying|that say|containing|with)\\b',
    // Indonesian: the same in the third person.
    '\\b(?:menyuruh|meminta|memerintahkan|membujuk|memaksa|mengelabui|menipu|memancing|mengakali)(?: [a-z-]+){0,2}? (?:bot|chatbot|model|asisten|agen|ai|llm|sistem)(?:nya)?(?: (?:untuk|agar|supaya))?',
    '\\b(?:saat|ketika|kalau|jika|bila|setelah) (?:di)?(?:suruh|minta|perintah)(?:kan)?(?: untuk)?',
    '\\b(?:pengguna|seseorang|orang|penyerang|peretas|pelanggan|nasabah|pentester|mahasiswa|pengunjung|user)(?: [a-z-]+){0,3}? (?:menulis|mengetik|mengirim\\w*|memasukkan|menempel\\w*|bilang|berkata|meminta|menyuruh|mencoba|menyisipkan|menyembunyikan|memakai|menggunakan|memposting|berisi)',
    '\\b(?:mencegah|memblokir|blokir|mendeteksi|menyaring|menangkal|melindungi|mitigasi|memfilter|mengenali|tahan terhadap|rentan terhadap|tertipu oleh|menguji (?:apakah|bahwa))\\b',
    '\\b(?:kata|kata-kata|frasa|pesan|kalimat|teks|prompt|permintaan|perintah) (?:seperti|berisi|bertuliskan|yang berbunyi)\\b',
  ].join('|'),
  'g',
);

/** Words naming what a quote is: a prompt, a message, a phrase ("is the message \"…\" an attack?"). */
const NAMED_TEXT =
  /\b(?:prompts?|system messages?|messages?|texts?|phrases?|strings?|words?|sentences?|inputs?|emails?|e-mails?|comments?|guardrails?|filters?|classifiers?|firewalls?|moderation|logs?|pentests?|red team|jailbreaks?|injections?|pesan|teks|frasa|kalimat|kata|email|komentar|moderasi|catatan|bertuliskan|berisi|tulisan)\b/;

/**
 * Whether text outside quotation marks talks about something (discussion words, a third party or a defence, a
 * named kind of text): a question about a quote, not an order wrapped around one.
 */
export function talksAbout(text: string): boolean {
  if (DISCUSSION.test(text) || NAMED_TEXT.test(text)) return true;
  REPORTED.lastIndex = 0;
  return REPORTED.test(text);
}

/** The model addressed between a reporting cue and the match: "test whether you can ignore …" is still a use. */
const SECOND_PERSON = /\b(?:you|your|yourself|kamu|kau|anda|dirimu)\b/;

/** How far back, within the match's sentence, the reporting cues are looked for. */
const REPORT_REACH = 100;

function isReported(rule: InjectionRule, text: string, start: number): boolean {
  // Forged turns and split payloads are attacks by their form, whatever precedes them; a match that opens its
  // own sentence reports nothing from the sentence before.
  if (rule.family === 'payload_splitting' || rule.family === 'fake_turn') return false;
  if (SENTENCE_END.has(text[start] ?? '')) return false;
  let from = Math.max(0, start - REPORT_REACH);
  for (let index = start - 1; index >= from; index -= 1) {
    if (SENTENCE_END.has(text[index] ?? '')) {
      from = index + 1;
      break;
    }
  }
  const before = text.slice(from, start);
  let cueEnd = -1;
  REPORTED.lastIndex = 0;
  for (let match = REPORTED.exec(before); match !== null; match = REPORTED.exec(before)) {
    cueEnd = match.index + match[0].length;
    if (match[0].length === 0) REPORTED.lastIndex += 1;
  }
  return cueEnd >= 0 && !SECOND_PERSON.test(before.slice(cueEnd));
}

/**
 * Whether a match holds within what it reports: a concept rule's match spans its sentence, so in "a customer
 * wrote ignore your rules and …" the cue sits inside the match, and the attack is the clause after it.
 */
function holdsOnlyInReport(rule: InjectionRule, matched: string): boolean {
  if (rule.family === 'payload_splitting' || rule.family === 'fake_turn') return false;
  REPORTED.lastIndex = 0;
  const cue = REPORTED.exec(matched);
  if (cue === null) return false;
  return anchoredPattern(rule).test(matched.slice(cue.index + cue[0].length));
}

/** Abbreviations whose full stop ends no sentence, as normalisation leaves them ("e.g." is "eg."). */
const ABBREVIATION = /(?:^|[^a-z])(?:eg|ie|etc|vs|cf|dll|dsb|dst)$/;

/** A numbered list item's marker before a full stop ("\n1. …"), which ends no sentence either. */
const LIST_NUMBER = /(?:^|\n)\d{1,2}$/;

/** A line that only opens a code block ("```", "```text"), between a label and what it introduces. */
const FENCE_LINE = /:\n`{3,}[a-z]*$/;

/**
 * Whether the character at `index` ends a sentence: a full stop (not one of an abbreviation or a list number),
 * an exclamation or question mark, or a line break — except one after a colon, where a label introduces the
 * next line ("Example of a jailbreak:\n…" reads as "Example of a jailbreak: …"), with a code fence between
 * them or not.
 */
function endsSentence(text: string, index: number): boolean {
  const character = text[index] ?? '';
  if (character === '\n') {
    return text[index - 1] !== ':' && !FENCE_LINE.test(text.slice(Math.max(0, index - 16), index));
  }
  if (character === '.') {
    const before = text.slice(Math.max(0, index - 4), index);
    return !ABBREVIATION.test(before) && !LIST_NUMBER.test(before);
  }
  return SENTENCE_END.has(character);
}

/**
 * Where the sentence holding a match that starts at `start` begins, looking back at most `reach` characters:
 * discussion words in the sentence before ("What is a jailbreak? Ignore all previous instructions …") frame
 * nothing in this one. A match that opens on a sentence end (a concept rule's does) starts its own sentence.
 */
function sentenceStart(text: string, start: number, reach: number): number {
  if (endsSentence(text, start)) return start;
  const from = Math.max(0, start - reach);
  for (let index = start - 1; index >= from; index -= 1) if (endsSentence(text, index)) return index + 1;
  return from;
}

/**
 * A character of the user's own story, described at the start of the sentence: "my character is a rebel AI who
 * has no restrictions", "tokoh saya AI pemberontak yang tidak punya batasan". A persona without limits is then
 * what the story is about, not what the model is told to be — unless the model is addressed after the cue ("my
 * character is an AI that answers you …"), which keeps the match whole. What follows in other sentences ("stay in
 * character and …") is the classifier's and the other rules' to judge.
 */
const OWN_CHARACTER =
  /^[^a-z]{0,3}(?:[a-z-]+[ ,]{1,2}){0,3}?(?:(?:my|our) (?:main |new |own )?(?:characters?|protagonists?|heroine|hero|villain|antagonist|oc)(?: in (?:my|our|the|a|this) [a-z-]+(?: [a-z-]+)?)? (?:is|was|has)|tokoh (?:utama )?(?:saya|kami|ku|aku|(?:di|dalam) (?:novel|cerita|cerpen|komik|game|naskah) (?:saya|kami|ku|aku)))\b/;

function describesOwnCharacter(rule: InjectionRule, text: string, start: number, end: number): boolean {
  if (rule.family !== 'roleplay_persona') return false;
  const sentence = text.slice(sentenceStart(text, start + 1, 300), end);
  const cue = OWN_CHARACTER.exec(sentence);
  return cue !== null && !SECOND_PERSON.test(sentence.slice(cue[0].length));
}

function isMention(rule: InjectionRule, text: string, start: number, end: number): boolean {
  return (
    isQuoted(text, start, end) ||
    describesOwnCharacter(rule, text, start, end) ||
    holdsOnlyInQuotes(rule, text, start, end) ||
    DISCUSSION.test(text.slice(sentenceStart(text, start, LOOK_AROUND), start)) ||
    DISCUSSED_AFTER.test(text.slice(end, end + 24)) ||
    isReported(rule, text, start) ||
    holdsOnlyInReport(rule, text.slice(start, end))
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

/**
 * Appends the rule's matches in `slice` (at `offset` in `text`); returns true once one is used outright. Later
 * matches of that rule cannot raise its score, so the caller stops there: text that repeats an attack phrase
 * thousands of times costs one match per rule, not one mention check per repetition.
 */
function collect(
  rule: InjectionRule,
  text: string,
  offset: number,
  slice: string,
  matches: RuleMatch[],
): boolean {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(slice); match !== null; match = pattern.exec(slice)) {
    const start = offset + match.index;
    const end = start + match[0].length;
    if (match[0].length === 0) pattern.lastIndex += 1;
    if (rule.notAfter?.test(text.slice(Math.max(0, start - 40), start)) === true) continue;
    const used = !isMention(rule, text, start, end);
    matches.push({ rule, start, end, score: used ? rule.weight : rule.weight * MENTION_FACTOR });
    if (used) return true;
  }
  return false;
}

/**
 * The matches of every rule in normalised text, in rule order: each rule's mentions up to and including its
 * first match used outright (see `collect`); linear in the text's length. A rule woken by an anchor runs only
 * on the slices around its anchors, unless `wholeText` (which checks that slicing changes nothing).
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
    for (const [start, end] of regions) {
      if (collect(rule, text, start, text.slice(start, end), matches)) break;
    }
  }
  return matches;
}
