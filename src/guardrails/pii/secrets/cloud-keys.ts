/**
 * Cloud credentials: AWS access key ids (AKIA/ASIA… in base32) and the 40-character secret keys that travel
 * with them, Google API keys (AIza…), Azure AD client secrets (…Q~…) and Azure storage account keys.
 */
import type { Recognizer } from '../recognizer.ts';
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

const AWS_NEARBY = /aws|AKIA|ASIA|secret/i;

/**
 * AWS secret access keys are 40 base64 characters with nothing distinctive, so they are taken only near an AWS
 * word or key id, with mixed character classes and high entropy.
 */
export const awsSecretKeyRecognizer: Recognizer = createTokenRecognizer({
  category: 'aws_secret_key',
  pattern: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
  keywords: ['aws', 'AWS', 'Aws', 'AKIA', 'ASIA'],
  score: 0.85,
  minEntropy: 4,
  maxLength: 40,
  validate: (value, text, start) =>
    isNotAwsExample(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /\d/.test(value) &&
    AWS_NEARBY.test(text.slice(Math.max(0, start - 120), start)),
});

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
