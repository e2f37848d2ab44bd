/**
 * Model-provider keys: OpenAI (sk-proj-, sk-svcacct-, sk-admin-, and legacy keys carrying `T3BlbkFJ`),
 * Anthropic (sk-ant-api03-…), other OpenAI-style `sk-` keys (DeepSeek, DashScope, Moonshot …) and Hugging Face
 * tokens (hf_…).
 */
import type { Recognizer, SecretCategory } from '../recognizer.ts';
import { createTokenRecognizer } from './token-recognizer.ts';

/** The provider an `sk-` key belongs to, or undefined for shapes that are not keys (`sk-your-key-here`). */
export function classifySkKey(value: string): SecretCategory | undefined {
  if (value.startsWith('sk-ant-')) return value.length >= 40 ? 'anthropic_api_key' : undefined;
  if (/^sk-(?:proj|svcacct|admin)-/.test(value) || value.includes('T3BlbkFJ')) return 'openai_api_key';
  return /^sk-[A-Za-z0-9]{32,}$/.test(value) ? 'provider_api_key' : undefined;
}

/** Every `sk-` key, named by `classifySkKey`. */
export const skKeyRecognizer: Recognizer = createTokenRecognizer({
  category: classifySkKey,
  pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,300}(?![A-Za-z0-9_-])/g,
  keywords: ['sk-'],
  score: 0.95,
  minEntropy: 3.5,
  maxLength: 303,
});

/** Hugging Face user (hf_) and organisation (api_org_) tokens. */
export const huggingFaceTokenRecognizer: Recognizer = createTokenRecognizer({
  category: 'huggingface_token',
  pattern: /(?<![A-Za-z0-9_])(?:hf|api_org)_[A-Za-z0-9]{30,40}(?![A-Za-z0-9_])/g,
  keywords: ['hf_', 'api_org_'],
  score: 0.95,
  minEntropy: 3.5,
  maxLength: 48,
});
