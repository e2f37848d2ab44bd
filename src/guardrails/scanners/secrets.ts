/**
 * The `secrets` scanner: cloud, model-provider, code-host, Slack and Stripe credentials with documented
 * prefixes, private keys, JWTs, and high-entropy values after key-like words. Every finding is `secret` data.
 */
import { pickBest } from '../pii/pick-best.ts';
import type { Recognizer, SecretCategory } from '../pii/recognizer.ts';
import {
  awsAccessKeyRecognizer,
  awsSecretKeyRecognizer,
  azureClientSecretRecognizer,
  azureStorageKeyRecognizer,
  gcpApiKeyRecognizer,
} from '../pii/secrets/cloud-keys.ts';
import {
  githubTokenRecognizer,
  gitlabTokenRecognizer,
  npmTokenRecognizer,
} from '../pii/secrets/code-host-tokens.ts';
import { genericSecretRecognizer } from '../pii/secrets/generic-secret.ts';
import { jwtRecognizer } from '../pii/secrets/jwt.ts';
import { privateKeyRecognizer } from '../pii/secrets/private-key.ts';
import { huggingFaceTokenRecognizer, skKeyRecognizer } from '../pii/secrets/provider-keys.ts';
import { slackTokenRecognizer, slackWebhookRecognizer } from '../pii/secrets/slack.ts';
import { stripeKeyRecognizer } from '../pii/secrets/stripe.ts';
import { sharingOneTrigger } from '../pii/secrets/token-recognizer.ts';
import { NO_FINDINGS, type Finding, type TextScanner } from '../scanner.ts';
import { findCandidates, toFindings } from './pii.ts';

/** Ties go to the specific rule; the generic key-word rule comes last. */
export const SECRET_PRIORITY: readonly SecretCategory[] = [
  'private_key',
  'gcp_service_account_key',
  'jwt',
  'aws_access_key',
  'aws_secret_key',
  'gcp_api_key',
  'azure_storage_key',
  'azure_client_secret',
  'anthropic_api_key',
  'openai_api_key',
  'provider_api_key',
  'huggingface_token',
  'github_token',
  'gitlab_token',
  'npm_token',
  'slack_webhook',
  'slack_token',
  'stripe_key',
  'password',
  'generic_secret',
];

const RECOGNIZERS: readonly Recognizer[] = [
  awsSecretKeyRecognizer,
  ...sharingOneTrigger([
    awsAccessKeyRecognizer,
    gcpApiKeyRecognizer,
    azureClientSecretRecognizer,
    azureStorageKeyRecognizer,
    skKeyRecognizer,
    huggingFaceTokenRecognizer,
    githubTokenRecognizer,
    gitlabTokenRecognizer,
    npmTokenRecognizer,
    slackTokenRecognizer,
    slackWebhookRecognizer,
    stripeKeyRecognizer,
    privateKeyRecognizer,
    jwtRecognizer,
  ]),
  genericSecretRecognizer,
];

/** Creates the `secrets` TextScanner; pure and synchronous, safe to share across requests. */
export function createSecretsScanner(): TextScanner {
  return {
    id: 'secrets',
    cost: 1,
    maxMatchLength: Math.max(...RECOGNIZERS.map((recognizer) => recognizer.maxLength)),
    scan(text: string): readonly Finding[] {
      const candidates = findCandidates(text, RECOGNIZERS);
      if (candidates.length === 0) return NO_FINDINGS;
      return toFindings('secrets', pickBest(candidates, SECRET_PRIORITY));
    },
  };
}
