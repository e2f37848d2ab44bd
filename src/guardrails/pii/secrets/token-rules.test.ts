import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Candidate, Recognizer } from '../recognizer.ts';
import {
  awsAccessKeyRecognizer,
  awsSecretKeyRecognizer,
  azureClientSecretRecognizer,
  azureStorageKeyRecognizer,
  gcpApiKeyRecognizer,
} from './cloud-keys.ts';
import { githubTokenRecognizer, gitlabTokenRecognizer, npmTokenRecognizer } from './code-host-tokens.ts';
import { huggingFaceTokenRecognizer, skKeyRecognizer } from './provider-keys.ts';
import { slackTokenRecognizer, slackWebhookRecognizer } from './slack.ts';
import { stripeKeyRecognizer } from './stripe.ts';

/** Random-looking characters built at run time, so the repository holds nothing that looks like a live key. */
function fake(length: number, alphabet = 'aB3dE5fG7hJ9kL2mN4pQ6rS8tU1vW0xYzCiKoMqZ'): string {
  let state = 0x9e3779b9 ^ length;
  let text = '';
  while (text.length < length) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    text += alphabet[(state >>> 16) % alphabet.length];
  }
  return text;
}

function found(recognizer: Recognizer, text: string): [string, string][] {
  const out: Candidate[] = [];
  recognizer.find(text, out);
  return out.map((candidate) => [candidate.category, text.slice(candidate.start, candidate.end)]);
}

const BASE32 = 'QWERTYUIOPASDFGHJKLZXCVBNM234567';
const AWS_ID = `AKIA${fake(16, BASE32)}`;
const AWS_SECRET = fake(40, 'wJalrXUtnFEMIK7MDENGbPxRfiCY0123456789/+');

const table: readonly (readonly [string, Recognizer, string, readonly [string, string][]])[] = [
  ['an AWS key id', awsAccessKeyRecognizer, `key=${AWS_ID}`, [['aws_access_key', AWS_ID]]],
  ['AWS documentation example', awsAccessKeyRecognizer, 'AKIAIOSFODNN7EXAMPLE', []],
  ['AWS key id inside a longer word', awsAccessKeyRecognizer, `X${AWS_ID}`, []],
  ['AWS key id in lower-case base32', awsAccessKeyRecognizer, `AKIA${fake(16, 'qwertyuiop234567')}`, []],
  [
    'AWS secret near a key word',
    awsSecretKeyRecognizer,
    `aws_secret_access_key = ${AWS_SECRET}`,
    [['aws_secret_key', AWS_SECRET]],
  ],
  ['AWS-shaped string without AWS words', awsSecretKeyRecognizer, `checksum ${AWS_SECRET} (aws later)`, []],
  ['AWS secret of 41 characters', awsSecretKeyRecognizer, `AWS ${AWS_SECRET}x`, []],
  ['Google API key', gcpApiKeyRecognizer, `AIza${fake(35)}`, [['gcp_api_key', `AIza${fake(35)}`]]],
  ['Google API key too short', gcpApiKeyRecognizer, `AIza${fake(34)}`, []],
  [
    'Azure client secret',
    azureClientSecretRecognizer,
    `secret: "bP88Q~${fake(34)}"`,
    [['azure_client_secret', `bP88Q~${fake(34)}`]],
  ],
  ['tildes are not an Azure secret', azureClientSecretRecognizer, `abc1Q~${'~'.repeat(34)}`, []],
  [
    'Azure storage key',
    azureStorageKeyRecognizer,
    `AccountName=x;AccountKey=${fake(86)}==;EndpointSuffix=core.windows.net`,
    [['azure_storage_key', `${fake(86)}==`]],
  ],
  [
    'OpenAI project key',
    skKeyRecognizer,
    `OPENAI_API_KEY=sk-proj-${fake(64)}`,
    [['openai_api_key', `sk-proj-${fake(64)}`]],
  ],
  [
    'OpenAI legacy key',
    skKeyRecognizer,
    `sk-${fake(20)}T3BlbkFJ${fake(20)}`,
    [['openai_api_key', `sk-${fake(20)}T3BlbkFJ${fake(20)}`]],
  ],
  [
    'Anthropic key',
    skKeyRecognizer,
    `x-api-key: sk-ant-api03-${fake(93)}AA`,
    [['anthropic_api_key', `sk-ant-api03-${fake(93)}AA`]],
  ],
  [
    'DeepSeek-style key',
    skKeyRecognizer,
    `sk-${fake(32, '0123456789abcdef')}`,
    [['provider_api_key', `sk-${fake(32, '0123456789abcdef')}`]],
  ],
  ['sk- placeholder', skKeyRecognizer, 'sk-your-api-key-here-please-replace', []],
  ['sk- run of x', skKeyRecognizer, `sk-proj-${'x'.repeat(40)}`, []],
  [
    'Hugging Face token',
    huggingFaceTokenRecognizer,
    `hf_${fake(34)}`,
    [['huggingface_token', `hf_${fake(34)}`]],
  ],
  ['Hugging Face placeholder', huggingFaceTokenRecognizer, `hf_${'x'.repeat(34)}`, []],
  ['GitHub PAT', githubTokenRecognizer, `token ghp_${fake(36)}.`, [['github_token', `ghp_${fake(36)}`]]],
  ['GitHub app token', githubTokenRecognizer, `ghs_${fake(36)}`, [['github_token', `ghs_${fake(36)}`]]],
  [
    'GitHub fine-grained PAT',
    githubTokenRecognizer,
    `github_pat_${fake(22)}_${fake(59)}`,
    [['github_token', `github_pat_${fake(22)}_${fake(59)}`]],
  ],
  ['GitHub token of 35 characters', githubTokenRecognizer, `ghp_${fake(35)}`, []],
  ['GitLab PAT', gitlabTokenRecognizer, `glpat-${fake(20)}`, [['gitlab_token', `glpat-${fake(20)}`]]],
  [
    'npm token',
    npmTokenRecognizer,
    `//registry/:_authToken=npm_${fake(36)}`,
    [['npm_token', `npm_${fake(36)}`]],
  ],
  [
    'Slack bot token',
    slackTokenRecognizer,
    `xoxb-123456789012-1234567890123-${fake(24)}`,
    [['slack_token', `xoxb-123456789012-1234567890123-${fake(24)}`]],
  ],
  ['Slack placeholder', slackTokenRecognizer, 'xoxb-xxxxxxxxxxxx-xxxxxxxxxxxx', []],
  [
    'Slack webhook',
    slackWebhookRecognizer,
    `POST https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${fake(24)} now`,
    [['slack_webhook', `https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${fake(24)}`]],
  ],
  ['Stripe live key', stripeKeyRecognizer, `sk_live_${fake(24)}`, [['stripe_key', `sk_live_${fake(24)}`]]],
  ['Stripe webhook secret', stripeKeyRecognizer, `whsec_${fake(32)}`, [['stripe_key', `whsec_${fake(32)}`]]],
  ['Stripe publishable key', stripeKeyRecognizer, `pk_live_${fake(24)}`, []],
];

describe('token rules', () => {
  for (const [name, recognizer, text, expected] of table) {
    it(`${expected.length > 0 ? 'finds' : 'ignores'} ${name}`, () => {
      assert.deepEqual(found(recognizer, text), expected);
    });
  }

  it('reports every token as secret data', () => {
    const out: Candidate[] = [];
    githubTokenRecognizer.find(`ghp_${fake(36)}`, out);
    assert.equal(out[0]?.dataClass, 'secret');
  });
});
