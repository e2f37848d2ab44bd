/**
 * Private keys in PEM form (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP), also inside JSON with escaped
 * newlines as in a Google service-account file. A block cut off before its END line (a truncated paste, a
 * stream still arriving) is taken up to where its body stops.
 */
import type { Recognizer, SecretCategory } from '../recognizer.ts';
import { createTokenRecognizer } from './token-recognizer.ts';

const BEGIN = String.raw`-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----`;
const END = String.raw`-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----`;
const BODY = String.raw`[A-Za-z0-9+/=\s\\:,.-]{0,8192}`;

/** A key right after `"private_key":` is a service-account credential. */
function classifyKey(_value: string, text: string, start: number): SecretCategory {
  return /"private_key"\s*:\s*"$/.test(text.slice(Math.max(0, start - 32), start))
    ? 'gcp_service_account_key'
    : 'private_key';
}

/** PEM private key blocks. */
export const privateKeyRecognizer: Recognizer = createTokenRecognizer({
  category: classifyKey,
  pattern: new RegExp(String.raw`${BEGIN}(?:[\s\S]{0,8192}?${END}|${BODY})`, 'g'),
  keywords: ['PRIVATE KEY'],
  score: 0.99,
  minEntropy: 0,
  maxLength: 8300,
});
