/**
 * The guardrail policy: for each finding, allow, flag, redact or block — from the gateway's `guardrails:`
 * config, overridden per deployment and then per virtual key. `auto` for personal data means redact before the
 * text leaves the premises and flag when the deployment is on-prem.
 */
import type {
  DeploymentGuardrailsConfig,
  GuardAction,
  GuardrailsConfig,
} from '../config/guardrails-schema.ts';
import type { Finding, TextSource } from './scanner.ts';

/** An action applied only to findings scoring at least `threshold`. */
export interface Thresholded {
  readonly action: GuardAction;
  readonly threshold: number;
}

/** The resolved policy for one deployment: no `auto` left. */
export interface GuardPolicy {
  readonly input: {
    readonly injection: Thresholded;
    readonly indirectInjection: Thresholded;
    readonly pii: GuardAction;
    readonly secrets: GuardAction;
  };
  readonly output: {
    readonly pii: GuardAction;
    readonly secrets: GuardAction;
    readonly promptLeak: GuardAction;
  };
}

/** Which side of the model a text is on. */
export type Direction = 'input' | 'output';

/** The detector's recommended injection thresholds, for a config that names none. */
export interface InjectionThresholds {
  readonly direct: number;
  readonly indirect: number;
}

/** Resolves the policy for a deployment at `location`, with its overrides. */
export function resolvePolicy(
  config: GuardrailsConfig,
  location: string,
  overrides: DeploymentGuardrailsConfig,
  thresholds: InjectionThresholds,
): GuardPolicy {
  const auto = (action: GuardAction | 'auto'): GuardAction =>
    action !== 'auto' ? action : location === 'on-prem' ? 'flag' : 'redact';
  const input = { ...config.input, ...overrides?.input };
  const output = { ...config.output, ...overrides?.output };
  return {
    input: {
      injection: {
        action: input.injection.action,
        threshold: input.injection.threshold ?? thresholds.direct,
      },
      indirectInjection: {
        action: input.indirect_injection.action,
        threshold: input.indirect_injection.threshold ?? thresholds.indirect,
      },
      pii: auto(input.pii),
      secrets: input.secrets,
    },
    output: { pii: auto(output.pii), secrets: output.secrets, promptLeak: output.prompt_leak },
  };
}

/** Indirect content: nobody vouches for what a tool or a retrieved document says. */
export function isIndirect(source: TextSource): boolean {
  return source === 'tool' || source === 'retrieved';
}

/** The action for one finding. Attacks below their threshold are allowed; unknown scanners only flag. */
export function decide(
  policy: GuardPolicy,
  direction: Direction,
  finding: Finding,
  source: TextSource,
): GuardAction {
  if (direction === 'input') {
    switch (finding.scanner) {
      case 'injection': {
        // The system prompt is the operator's own words; instructions there are the point, not an attack.
        if (source === 'system') return 'allow';
        const rule = isIndirect(source) ? policy.input.indirectInjection : policy.input.injection;
        return finding.score >= rule.threshold ? rule.action : 'allow';
      }
      case 'pii':
        return policy.input.pii;
      case 'secrets':
        return policy.input.secrets;
      default:
        return 'flag';
    }
  }
  switch (finding.scanner) {
    case 'pii':
      return policy.output.pii;
    case 'secrets':
      return policy.output.secrets;
    case 'prompt_leak':
      return policy.output.promptLeak;
    default:
      return 'flag';
  }
}

/** Whether a scanner runs at all under this policy and direction (`off` skips it). */
export function isScannerOn(policy: GuardPolicy, direction: Direction, scanner: string): boolean {
  if (direction === 'input') {
    if (scanner === 'injection')
      return policy.input.injection.action !== 'off' || policy.input.indirectInjection.action !== 'off';
    if (scanner === 'pii') return policy.input.pii !== 'off';
    if (scanner === 'secrets') return policy.input.secrets !== 'off';
    return true;
  }
  if (scanner === 'pii') return policy.output.pii !== 'off';
  if (scanner === 'secrets') return policy.output.secrets !== 'off';
  if (scanner === 'prompt_leak') return policy.output.promptLeak !== 'off';
  return scanner !== 'injection';
}
