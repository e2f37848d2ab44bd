import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bankAccountRecognizer } from './bank-account.ts';
import { bpjsRecognizer } from './bpjs.ts';
import { ibanRecognizer } from './iban.ts';
import { ipAddressRecognizer } from './ip-address.ts';
import { nikRecognizer } from './nik.ts';
import { npwpRecognizer } from './npwp.ts';
import { passportRecognizer } from './passport.ts';
import { cardRecognizer } from './payment-card.ts';
import { phoneRecognizer } from './phone.ts';
import type { Candidate, Recognizer } from './recognizer.ts';
import { findCandidates } from '../scanners/pii.ts';

const TRIGGERED: Record<string, Recognizer> = {
  id_nik: nikRecognizer,
  id_npwp: npwpRecognizer,
  card: cardRecognizer,
  bank_account: bankAccountRecognizer,
  bpjs: bpjsRecognizer,
  passport: passportRecognizer,
  phone: phoneRecognizer,
  iban: ibanRecognizer,
  ip_address: ipAddressRecognizer,
};

/** Texts full of what these recognizers look for — context words, separators, letter codes — in many shapes. */
const SAMPLES = [
  'NIK 3171011708450001, NPWP 013121660091000, no. rekening BCA 123-456-7890, nomor BPJS 0001234567890',
  'Paspor A1234567, kartu 4111 1111 1111 1111, telepon +62 812-3456-7890, (021) 555 0123, IBAN GB82 WEST 1234 5698 7654 32',
  'server 192.168.0.1, fe80::1ff:fe23:4567:890a and abcd:ef01:2345:6789:abcd:ef01:2345:6789, mobile 0812 3456 7890, exp 12/29, a/n Budi Santoso',
];

/** `text` with every character the trigger would find replaced, keeping everything else of its shape. */
function without(trigger: RegExp, text: string): string {
  const global = new RegExp(trigger.source, 'g');
  return text.replace(global, (character) => (/\d/.test(character) ? 'a' : ' '));
}

describe('recognizer triggers', () => {
  it('name a condition every match needs: the samples match, and nothing matches once it is taken away', () => {
    for (const [name, recognizer] of Object.entries(TRIGGERED)) {
      const trigger = recognizer.trigger;
      assert.ok(trigger !== undefined, `${name} has no trigger`);
      const found: Candidate[] = [];
      for (const sample of SAMPLES) recognizer.find(sample, found);
      assert.ok(
        found.some((candidate) => candidate.category === name),
        `${name}: the samples should hold one`,
      );
      for (const sample of SAMPLES) {
        const stripped = without(trigger, sample);
        assert.equal(trigger.test(stripped), false);
        const none: Candidate[] = [];
        recognizer.find(stripped, none);
        assert.deepEqual(none, [], `${name} matched without its trigger in: ${stripped}`);
      }
    }
  });

  it('skip a recognizer only when its trigger is absent: candidates are the same with and without the check', () => {
    const recognizers = Object.values(TRIGGERED);
    const unchecked = recognizers.map((recognizer): Recognizer => ({
      maxLength: recognizer.maxLength,
      find: (text, out, context) => recognizer.find(text, out, context),
    }));
    for (const text of [...SAMPLES, 'no digits here: just words, colons and (brackets)', 'only :: colons']) {
      assert.deepEqual(findCandidates(text, recognizers), findCandidates(text, unchecked), text);
    }
  });
});
