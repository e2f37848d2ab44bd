/**
 * JSON Web Tokens: three base64url parts whose first decodes to a JSON header naming an `alg`. The check on the
 * header keeps look-alikes (any `eyJ…` base64 of JSON) out.
 */
import type { Recognizer } from '../recognizer.ts';
import { createTokenRecognizer } from './token-recognizer.ts';

/** True when `segment` is base64url of a JSON object with a string `alg`. */
export function isJwtHeader(segment: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return (
      typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string'
    );
  } catch {
    return false;
  }
}

/** JWTs, signed or with an empty signature (`alg: none`). */
export const jwtRecognizer: Recognizer = createTokenRecognizer({
  category: 'jwt',
  pattern:
    /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,2000}\.[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,2000}(?![A-Za-z0-9_-])/g,
  keywords: ['eyJ'],
  score: 0.9,
  minEntropy: 3,
  maxLength: 12_003,
  validate: (value) => isJwtHeader(value.slice(0, value.indexOf('.'))),
});
