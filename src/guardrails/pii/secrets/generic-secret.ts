/**
 * Secrets without a recognizable shape, found by what precedes them: a key-like word (api_key, secret, token,
 * password, kata sandi …), a separator (`=`, `:`, `is`, `adalah`) and a value that is not a placeholder and has
 * enough entropy. Also bearer tokens after `Bearer`. Values after password words need less entropy: people
 * choose weak passwords, and a weak password is still a password.
 */
import type { Candidate, Recognizer } from '../recognizer.ts';
import { shannonEntropy } from './entropy.ts';

const KEY_WORD = String.raw`(?:api[_.-]?key|apikey|access[_.-]?key|secret|token|passw(?:or)?d|passwd|pwd|passphrase|credentials?|kata[ ]?sandi|sandi|kunci[ ]api)`;
const FILLER = String.raw`(?:(?:saya|anda|kamu|kami|my|your|our)\s{1,3})?`;
const SEPARATOR = String.raw`["']?\s{0,3}${FILLER}(?::=|=>|[:=]|(?:is|adalah|ialah|yaitu)(?=\s))\s{0,3}["'\x60]?`;
// The match starts at the key word itself (the `DB_` of DB_PASSWORD does not matter), so the regex engine can
// skip ahead to the key words' first letters instead of trying every identifier.
const GENERIC = new RegExp(
  String.raw`${KEY_WORD}[A-Za-z0-9_.-]{0,32}${SEPARATOR}([^\s"'\x60<>,;]{6,256})`,
  'dgi',
);
const BEARER = /(?<![A-Za-z])bearer\s{1,3}([A-Za-z0-9._~+/-]{16,2048}=*)/dgi;
const PASSWORD_WORD = /pass|pwd|sandi/i;
const PLACEHOLDER =
  /^(?:\*+|x+|\.{3,}|<[^>]*>?|\$.*|\{\{.*|%.*%|\[[A-Z_]+\d*\]|(?:null|none|undefined|true|false|redacted|changeme|required|optional|string|example.*|your[_-].*|placeholder|test|dummy))[.,;:!?]?$/i;

/** True when a value after a password word looks like a password someone chose. */
function isPasswordValue(value: string): boolean {
  const entropy = shannonEntropy(value);
  const isMixed = /\d|[^A-Za-z0-9]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value));
  return entropy >= 3 || (isMixed && entropy >= 2.5);
}

/** The entropy a random-looking token of this length should reach: log2(length) − 0.8, capped at 3.5 bits. */
function entropyFloor(length: number): number {
  return Math.min(3.5, Math.log2(length) - 0.8);
}

function push(
  out: Candidate[],
  category: Candidate['category'],
  start: number,
  end: number,
  score: number,
): void {
  out.push({ category, dataClass: 'secret', start, end, score });
}

/** Key-word and bearer secrets; scores 0.8 for passwords, 0.65–0.85 for tokens by entropy. */
export const genericSecretRecognizer: Recognizer = {
  maxLength: 2048,
  find(text: string, out: Candidate[]): void {
    GENERIC.lastIndex = 0;
    for (let match = GENERIC.exec(text); match !== null; match = GENERIC.exec(text)) {
      const span = match.indices?.[1];
      const value = match[1];
      if (span === undefined || value === undefined || PLACEHOLDER.test(value)) continue;
      if (PASSWORD_WORD.test(match[0].slice(0, match[0].length - value.length))) {
        if (isPasswordValue(value)) push(out, 'password', span[0], span[1], 0.8);
        continue;
      }
      const margin = shannonEntropy(value) - entropyFloor(value.length);
      if (value.length >= 12 && margin >= 0 && /\d|[A-Z]/.test(value) && /[a-z]/i.test(value))
        push(out, 'generic_secret', span[0], span[1], Math.min(0.85, 0.65 + margin / 5));
    }
    BEARER.lastIndex = 0;
    for (let match = BEARER.exec(text); match !== null; match = BEARER.exec(text)) {
      const span = match.indices?.[1];
      if (span !== undefined && shannonEntropy(match[1] ?? '') >= 3)
        push(out, 'generic_secret', span[0], span[1], 0.85);
    }
  },
};
