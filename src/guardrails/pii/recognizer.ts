/**
 * What every personal-data and secret recognizer shares: a candidate is a validated match with a score; the
 * scanners pick the best non-overlapping candidates and turn them into findings.
 */
import type { DataClass } from '../scanner.ts';
import type { TextContext } from './context-words.ts';

/** Categories the `pii` scanner reports. */
export type PiiCategory =
  | 'id_nik'
  | 'id_npwp'
  | 'phone'
  | 'bpjs'
  | 'passport'
  | 'bank_account'
  | 'email'
  | 'card'
  | 'iban'
  | 'ip_address';

/** Categories the `secrets` scanner reports. */
export type SecretCategory =
  | 'aws_access_key'
  | 'aws_secret_key'
  | 'gcp_api_key'
  | 'gcp_service_account_key'
  | 'azure_client_secret'
  | 'azure_storage_key'
  | 'openai_api_key'
  | 'anthropic_api_key'
  | 'provider_api_key'
  | 'huggingface_token'
  | 'github_token'
  | 'gitlab_token'
  | 'npm_token'
  | 'slack_token'
  | 'slack_webhook'
  | 'stripe_key'
  | 'private_key'
  | 'jwt'
  | 'password'
  | 'generic_secret';

/** A validated match: a span of the scanned text, never its value. */
export interface Candidate {
  readonly category: PiiCategory | SecretCategory;
  readonly dataClass: DataClass;
  readonly start: number;
  readonly end: number;
  /** Confidence, 0–1, after context words. */
  readonly score: number;
}

/** Finds one entity family in a text; called by the pii and secrets scanners. */
export interface Recognizer {
  /** The longest span one candidate can cover, in UTF-16 code units (for stream screening). */
  readonly maxLength: number;
  /**
   * A necessary condition, when there is a cheap one: the recognizer can only match a text this (non-global)
   * pattern finds, so scanners skip it for other texts. Many recognizers' patterns open with look-behinds,
   * which V8 tries at every position of a text before looking for the digit they need.
   */
  readonly trigger?: RegExp;
  /** Appends every validated candidate in `text` to `out`; `context` is shared by the recognizers of one scan. */
  find(text: string, out: Candidate[], context?: TextContext): void;
}
