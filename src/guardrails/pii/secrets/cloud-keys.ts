/**
 * Cloud credentials: AWS access key ids (AKIA/ASIA… in base32) and the 40-character secret keys that travel
 * with them, Google API keys (AIza…), Azure AD client secrets (…Q~…) and Azure storage account keys.
 */
import type { Candidate, Recognizer } from '../recognizer.ts';
import { shannonEntropy } from './entropy.ts';
import { createTokenRecognizer } from './token-recognizer.ts';

/** AWS publishes AKIAIOSFODNN7EXAMPLE and its secret in every tutorial: they are not secrets. */
const isNotAwsExample = (value: string): boolean => !value.includes('EXAMPLE');

/** AWS access key ids: long-term (AKIA), temporary (ASIA) and older prefixes. */
export const awsAccessKeyRecognizer: Recognizer = createTokenRecognizer({
  category: 'aws_access_key',
  pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])/g,
  keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
  score: 0.95,
  minEntropy: 3,
  maxLength: 20,
  validate: isNotAwsExample,
});

const AWS_WORD = /aws|AKIA|ASIA/gi;
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** How far after an AWS word or key id a secret key may start. */
const AWS_REACH = 120;

function isAwsSecret(value: string): boolean {
  return (
    isNotAwsExample(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value) &&
    shannonEntropy(value) >= 4
  );
}

/**
 * AWS secret access keys are 40 base64 characters with nothing distinctive, so they are looked for only within
 * reach after an AWS word or key id, and must mix character classes with high entropy (≥ 4 bits).
 */
export const awsSecretKeyRecognizer: Recognizer = {
  maxLength: 40,
  find(text: string, out: Candidate[]): void {
    let searchedTo = 0;
    AWS_WORD.lastIndex = 0;
    for (let word = AWS_WORD.exec(text); word !== null; word = AWS_WORD.exec(text)) {
      // One character of left context keeps the look-behind honest at the window's edge.
      const from = Math.max(word.index, searchedTo, 1) - 1;
      const window = text.slice(from, Math.min(text.length, word.index + AWS_REACH + 40));
      searchedTo = word.index + AWS_REACH;
      AWS_SECRET.lastIndex = 1;
      for (let match = AWS_SECRET.exec(window); match !== null; match = AWS_SECRET.exec(window)) {
        if (match.index > AWS_REACH || !isAwsSecret(match[0])) continue;
        const start = from + match.index;
        out.push({ category: 'aws_secret_key', dataClass: 'secret', start, end: start + 40, score: 0.85 });
      }
    }
  },
};

/** Google Cloud API keys. */
export const gcpApiKeyRecognizer: Recognizer = createTokenRecognizer({
  category: 'gcp_api_key',
  pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
  keywords: ['AIza'],
  score: 0.95,
  minEntropy: 3.5,
  maxLength: 39,
});

/** Azure AD (Entra ID) client secrets: three characters, a digit, `Q~`, then 31–34 characters. */
export const azureClientSecretRecognizer: Recognizer = createTokenRecognizer({
  category: 'azure_client_secret',
  pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
  keywords: ['Q~'],
  score: 0.9,
  minEntropy: 3.5,
  maxLength: 40,
});

/** Azure storage account keys inside connection strings (`AccountKey=…==`). */
export const azureStorageKeyRecognizer: Recognizer = createTokenRecognizer({
  category: 'azure_storage_key',
  pattern: /(?<=AccountKey=)[A-Za-z0-9+/]{86}==/g,
  keywords: ['AccountKey='],
  score: 0.95,
  minEntropy: 4,
  maxLength: 88,
});
