/** Secret generators for the PII corpus: real shapes with random bodies, and placeholders that only look like keys. */
import type { Random } from './random.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** One secret and its category. */
export interface SecretSample {
  readonly category: string;
  readonly value: string;
}

function jwt(random: Random): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: random.digits(8), iat: 1700000000 })}.${random.string(43, `${ALNUM}-_`)}`;
}

/** A secret of a random kind. */
export function secret(random: Random): SecretSample {
  switch (random.int(0, 7)) {
    case 0:
      return { category: 'aws_access_key', value: `AKIA${random.string(16, BASE32)}` };
    case 1:
      return { category: 'github_token', value: `ghp_${random.string(36, ALNUM)}` };
    case 2:
      return { category: 'openai_api_key', value: `sk-proj-${random.string(64, `${ALNUM}_-`)}` };
    case 3:
      return { category: 'anthropic_api_key', value: `sk-ant-api03-${random.string(93, `${ALNUM}_-`)}AA` };
    case 4:
      return { category: 'jwt', value: jwt(random) };
    case 5:
      return { category: 'huggingface_token', value: `hf_${random.string(34, ALNUM)}` };
    case 6:
      return {
        category: 'slack_token',
        value: `xoxb-${random.digits(12)}-${random.digits(13)}-${random.string(24, ALNUM)}`,
      };
    default:
      return { category: 'stripe_key', value: `sk_live_${random.string(24, ALNUM)}` };
  }
}

/** Values that look like secrets but are documentation placeholders. */
export function secretNearMiss(random: Random): string {
  return random.pick([
    'sk-your-api-key-here',
    `ghp_${'x'.repeat(36)}`,
    'AKIAIOSFODNN7EXAMPLE',
    `hf_${'X'.repeat(34)}`,
    'xoxb-your-token',
    'sk_test_xxxxxxxxxxxxxxxxxxxxxxxx',
  ]);
}

/** A password or an API key written after a key word, in the form people paste. */
export function keyedSecret(random: Random): {
  readonly category: string;
  readonly prefix: string;
  readonly value: string;
} {
  if (random.chance(0.5)) {
    const value = `${random.pick(['Rahasia', 'Jakarta', 'Garuda', 'Sunshine', 'Merdeka'])}${random.pick(['#', '!', '@', '_'])}${random.digits(4)}`;
    return {
      category: 'password',
      prefix: random.pick([
        'kata sandi saya adalah ',
        'password: ',
        'DB_PASSWORD=',
        'my password is ',
        'sandi: ',
      ]),
      value,
    };
  }
  return {
    category: 'generic_secret',
    prefix: random.pick(['api_key=', 'API_KEY: ', 'client_secret = ', 'token: ']),
    value: random.string(32, ALNUM),
  };
}
