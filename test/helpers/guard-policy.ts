/** The policy tests and the guard bench screen with: injection blocked, personal data and secrets redacted. */
import { guardrailsSchema } from '../../src/config/guardrails-schema.ts';
import { resolvePolicy, type GuardPolicy } from '../../src/guardrails/policy.ts';

/** Blocks injection (0.9 direct, 0.5 indirect), redacts personal data and secrets both ways, blocks leaks. */
export function redactingPolicy(): GuardPolicy {
  const config = guardrailsSchema.parse({
    input: {
      injection: { action: 'block', threshold: 0.9 },
      indirect_injection: { threshold: 0.5 },
      pii: 'redact',
    },
    output: { pii: 'redact' },
  });
  return resolvePolicy(config, 'on-prem', undefined, { direct: 0.9, indirect: 0.5 });
}
