/**
 * The `guardrails:` section of daulat.yaml (and its per-deployment override): for each scanner, the action
 * the policy takes on its findings, and the residency map from data class to the locations allowed to see it.
 */
import { z } from 'zod';

/**
 * Characters of input text from which it is screened on the scanning thread by default: 256 Ki characters scan
 * in ~40 ms on the event loop (a 128k-token context is ~0.5 MiB of text); below that, handing the text to the
 * thread costs more than it saves.
 */
export const SCAN_THREAD_MIN_CHARS = 256 * 1024;

/** What the policy does with a finding. `off` skips the scanner altogether. */
export const guardActionSchema = z.enum(['off', 'allow', 'flag', 'redact', 'block']);

/**
 * An action with the score a finding needs before it applies. Without a threshold, the detector's own
 * recommendation applies (the injection classifier's, chosen on its validation split).
 */
const thresholded = (action: z.infer<typeof guardActionSchema>) =>
  z.union([
    guardActionSchema.transform((value) => ({ action: value, threshold: undefined as number | undefined })),
    z.strictObject({
      action: guardActionSchema.default(action),
      threshold: z.number().min(0).max(1).optional(),
    }),
  ]);
const INJECTION = { action: 'block' as const, threshold: undefined };

/**
 * The guard model's verdicts: `block` or `flag` unsafe ones (only those in `categories`, when listed:
 * `S1`, `S10`, `Violent` — as the model names them); `controversial` (Qwen3Guard's middle verdict) has its own
 * action. Redacting makes no sense for a whole-conversation verdict, so it is not offered.
 */
const guardModelVerdictAction = z.enum(['off', 'allow', 'flag', 'block']);
const guardModelActionSchema = z.union([
  guardModelVerdictAction.transform((action) => ({
    action,
    categories: undefined as string[] | undefined,
    controversial: 'flag' as const,
  })),
  z.strictObject({
    action: guardModelVerdictAction.default('block'),
    categories: z.array(z.string().min(1)).min(1).optional(),
    controversial: guardModelVerdictAction.default('flag'),
  }),
]);
const GUARD_MODEL_OFF = { action: 'off' as const, categories: undefined, controversial: 'flag' as const };

/** The guard model itself: a model some deployment serves, how to read it, and what to do when it fails. */
export const guardModelSchema = z.strictObject({
  /** A public model name, as a client would ask for it (`llama-guard-3-8b`). */
  model: z.string().min(1),
  format: z.enum(['llama-guard-3', 'qwen3-guard']),
  timeout_ms: z.int().positive().default(10_000),
  /** `allow` (fail open, the failure flagged) or `block` (fail closed) when no verdict comes. */
  on_error: z.enum(['allow', 'block']).default('allow'),
});

/** Personal data: `auto` redacts for deployments not `on-prem` and flags on-prem. */
const piiActionSchema = z.union([guardActionSchema, z.literal('auto')]);

export const guardrailsInputSchema = z
  .strictObject({
    injection: thresholded('block').default(INJECTION),
    /** Injection inside tool results and retrieved content: stricter, since nobody vouches for that text. */
    indirect_injection: thresholded('block').default(INJECTION),
    pii: piiActionSchema.default('auto'),
    secrets: guardActionSchema.default('redact'),
    /** The guard model on the conversation so far (needs `guardrails.guard_model`). */
    guard_model: guardModelActionSchema.default(GUARD_MODEL_OFF),
  })
  .prefault({});

export const guardrailsOutputSchema = z
  .strictObject({
    pii: piiActionSchema.default('auto'),
    secrets: guardActionSchema.default('redact'),
    /** The answer repeats the system prompt (a per-request canary). */
    prompt_leak: guardActionSchema.default('block'),
    /** The guard model on the answer; on streams `block` holds the answer back until it is judged. */
    guard_model: guardModelActionSchema.default(GUARD_MODEL_OFF),
  })
  .prefault({});

const locationPattern = z
  .string()
  .regex(/^[a-z0-9*][a-z0-9._*-]*$/, 'expected a location tag or a pattern such as id-*');

/** Data class → locations allowed to receive it (`*` wildcards); a class not listed may go anywhere. */
export const residencySchema = z
  .strictObject({
    national_id: z.array(locationPattern).optional(),
    health: z.array(locationPattern).optional(),
    financial: z.array(locationPattern).optional(),
    secret: z.array(locationPattern).optional(),
    personal: z.array(locationPattern).optional(),
    /** Classes whose values may leave once redacted: the placeholders cross the line, never the values. */
    redact_then_egress: z
      .array(z.enum(['national_id', 'health', 'financial', 'secret', 'personal']))
      .default([]),
  })
  .catchall(z.array(locationPattern))
  .prefault({});

export const guardrailsSchema = z
  .strictObject({
    input: guardrailsInputSchema,
    output: guardrailsOutputSchema,
    residency: residencySchema,
    guard_model: guardModelSchema.optional(),
    /**
     * The secret the system-prompt canary is derived from. Unset: a random one per process; set the same value
     * on every replica so they send identical prompts and share upstream prefix caches.
     */
    canary_secret: z.string().min(16).optional(),
    /**
     * Input findings remembered per (scanner, source, SHA-256 of the text), so the system prompt and history a
     * client resends every turn are screened once. `entries: 0` turns it off.
     */
    scan_cache: z.strictObject({ entries: z.number().int().min(0).default(10_000) }).prefault({}),
    /**
     * Inputs of at least `min_chars` characters are screened on the scanning thread instead of the event loop,
     * so they do not hold other requests (see src/guardrails/scan-offload.ts); `0` sends every input there.
     */
    scan_thread: z
      .strictObject({ min_chars: z.number().int().min(0).default(SCAN_THREAD_MIN_CHARS) })
      .prefault({}),
  })
  .prefault({});

/** A deployment's overrides: any subset of the input and output actions. */
export const deploymentGuardrailsSchema = z
  .strictObject({
    input: z
      .strictObject({
        injection: thresholded('block').optional(),
        indirect_injection: thresholded('block').optional(),
        pii: piiActionSchema.optional(),
        secrets: guardActionSchema.optional(),
        guard_model: guardModelActionSchema.optional(),
      })
      .optional(),
    output: z
      .strictObject({
        pii: piiActionSchema.optional(),
        secrets: guardActionSchema.optional(),
        prompt_leak: guardActionSchema.optional(),
        guard_model: guardModelActionSchema.optional(),
      })
      .optional(),
  })
  .optional();

export type GuardAction = z.infer<typeof guardActionSchema>;
export type GuardrailsConfig = z.output<typeof guardrailsSchema>;
export type DeploymentGuardrailsConfig = z.output<typeof deploymentGuardrailsSchema>;
export type GuardModelConfig = z.output<typeof guardModelSchema>;
export type GuardModelAction = z.output<typeof guardModelActionSchema>;
