/**
 * Whether the configuration turns on any guardrail — a scanner on some deployment's policy, residency rules
 * or a guard model — leaving aside per-key policies, which need keys and so a store. It decides whether the
 * gateway needs an audit log and whether it loads the scanners at all.
 */
import type { Config } from '../config/schema.ts';
import { GUARD_MODEL_SCANNER } from './guard-model/guard-model.ts';
import { isScannerOn, resolvePolicy } from './policy.ts';

const INPUT_SCANNERS = ['injection', 'pii', 'secrets', GUARD_MODEL_SCANNER];
const OUTPUT_SCANNERS = ['pii', 'secrets', 'prompt_leak', GUARD_MODEL_SCANNER];
// Thresholds only tune scanners that are on; whether one is on does not depend on them.
const ANY_THRESHOLDS = { direct: 1, indirect: 1 };

export function anyGuardrailOn(config: Config): boolean {
  const { guardrails } = config;
  const residency = Object.entries(guardrails.residency).some(
    ([key, value]) => key !== 'redact_then_egress' && Array.isArray(value),
  );
  if (residency || guardrails.guard_model !== undefined) return true;
  return config.deployments.some((deployment) => {
    const policy = resolvePolicy(guardrails, deployment.location, deployment.guardrails, ANY_THRESHOLDS);
    return (
      INPUT_SCANNERS.some((scanner) => isScannerOn(policy, 'input', scanner)) ||
      OUTPUT_SCANNERS.some((scanner) => isScannerOn(policy, 'output', scanner))
    );
  });
}
