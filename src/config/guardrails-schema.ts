/**
 * The `guardrails:` section of daulat.yaml (and its per-deployment override): for each scanner, the action
 * the policy takes on its findings, and the residency map from data class to the locations allowed to see it.
 */
import { z } from 'zod';

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

/** Personal data: `auto` redacts for deployments not `on-prem` and flags on-prem. */
const piiActionSchema = z.union([guardActionSchema, z.literal('auto')]);

export const guardrailsInputSchema = z
  .strictObject({
    injection: thresholded('block').default(INJECTION),
    /** Injection inside tool results and retrieved content: stricter, since nobody vouches for that text. */
    indirect_injection: thresholded('block').default(INJECTION),
    pii: piiActionSchema.default('auto'),
    secrets: guardActionSchema.default('redact'),
  })
  .prefault({});

export const guardrailsOutputSchema = z
  .strictObject({
    pii: piiActionSchema.default('auto'),
    secrets: guardActionSchema.default('redact'),
    /** The answer repeats the system prompt (a per-request canary). */
    prompt_leak: guardActionSchema.default('block'),
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
      })
      .optional(),
    output: z
      .strictObject({
        pii: piiActionSchema.optional(),
        secrets: guardActionSchema.optional(),
        prompt_leak: guardActionSchema.optional(),
      })
      .optional(),
  })
  .optional();

export type GuardAction = z.infer<typeof guardActionSchema>;
export type GuardrailsConfig = z.output<typeof guardrailsSchema>;
export type DeploymentGuardrailsConfig = z.output<typeof deploymentGuardrailsSchema>;
