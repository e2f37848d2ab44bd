/**
 * The `pii` scanner: Indonesian identifiers (NIK, NPWP, BPJS, passport), phone numbers, e-mail, payment cards,
 * IBANs, bank accounts and IP addresses. Each recognizer validates its matches; where readings of one span
 * compete (a 16-digit number may be a NIK, a card, an NPWP or an account), the order in docs/guardrails.md
 * decides.
 */
import { bankAccountRecognizer } from '../pii/bank-account.ts';
import { TextContext } from '../pii/context-words.ts';
import { bpjsRecognizer } from '../pii/bpjs.ts';
import { emailRecognizer } from '../pii/email.ts';
import { ibanRecognizer } from '../pii/iban.ts';
import { ipAddressRecognizer } from '../pii/ip-address.ts';
import { nikRecognizer } from '../pii/nik.ts';
import { npwpRecognizer } from '../pii/npwp.ts';
import { passportRecognizer } from '../pii/passport.ts';
import { cardRecognizer } from '../pii/payment-card.ts';
import { phoneRecognizer } from '../pii/phone.ts';
import { pickBest } from '../pii/pick-best.ts';
import type { Candidate, PiiCategory, Recognizer } from '../pii/recognizer.ts';
import { NO_FINDINGS, type Finding, type TextScanner } from '../scanner.ts';

/** Ties between equal scores go to the more specific reading. */
export const PII_PRIORITY: readonly PiiCategory[] = [
  'id_npwp',
  'id_nik',
  'iban',
  'card',
  'bank_account',
  'bpjs',
  'passport',
  'email',
  'phone',
  'ip_address',
];

/**
 * Recognizers with the same trigger stand together, so that it is tested once for all of them (`findCandidates`);
 * the order decides nothing else, as `pickBest` orders candidates by score, priority and span.
 */
const RECOGNIZERS: readonly Recognizer[] = [
  nikRecognizer,
  npwpRecognizer,
  cardRecognizer,
  bankAccountRecognizer,
  bpjsRecognizer,
  passportRecognizer,
  phoneRecognizer,
  ibanRecognizer,
  emailRecognizer,
  ipAddressRecognizer,
];

/** Options for the pii scanner. */
export interface PiiScannerOptions {
  /** Report only these categories (all by default). */
  readonly categories?: readonly PiiCategory[];
}

/** Creates the `pii` TextScanner; pure and synchronous, safe to share across requests. */
export function createPiiScanner(options: PiiScannerOptions = {}): TextScanner {
  const wanted = options.categories === undefined ? undefined : new Set<string>(options.categories);
  return {
    id: 'pii',
    cost: 1,
    maxMatchLength: Math.max(...RECOGNIZERS.map((recognizer) => recognizer.maxLength)),
    scan(text: string): readonly Finding[] {
      const candidates = findCandidates(text, RECOGNIZERS);
      if (candidates.length === 0) return NO_FINDINGS;
      const best = pickBest(candidates, PII_PRIORITY);
      return toFindings('pii', wanted === undefined ? best : best.filter((c) => wanted.has(c.category)));
    },
  };
}

/** Every recognizer's candidates for `text`, unresolved; the context words are indexed once for all. */
export function findCandidates(text: string, recognizers: readonly Recognizer[]): Candidate[] {
  const candidates: Candidate[] = [];
  const context = new TextContext(text);
  // Recognizers sharing a trigger stand together in the lists: each trigger is tested once per run of them.
  let trigger: RegExp | undefined;
  let triggered = false;
  for (const recognizer of recognizers) {
    if (recognizer.trigger !== undefined) {
      if (recognizer.trigger !== trigger) {
        trigger = recognizer.trigger;
        triggered = trigger.test(text);
      }
      if (!triggered) continue;
    }
    recognizer.find(text, candidates, context);
  }
  return candidates;
}

/** Candidates as findings of `scanner`: spans, categories, scores and data classes, never values. */
export function toFindings(scanner: string, candidates: readonly Candidate[]): Finding[] {
  return candidates.map(({ category, dataClass, start, end, score }) => ({
    scanner,
    category,
    start,
    end,
    score,
    dataClass,
  }));
}
