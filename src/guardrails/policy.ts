/**
 * The guardrail policy: for each finding, allow, flag, redact or block — from the gateway's `guardrails:`
 * config, overridden per deployment and then per virtual key. `auto` for personal data means redact before the
 * text leaves the premises and flag when the deployment is on-prem.
 */
import type {
  DeploymentGuardrailsConfig,
  GuardAction,
  GuardModelAction,
  GuardrailsConfig,
} from '../config/guardrails-schema.ts';
import { GUARD_MODEL_SCANNER, GUARD_UNAVAILABLE } from './guard-model/guard-model.ts';
import type { Finding, TextSource } from './scanner.ts';

/** An action applied only to findings scoring at least `threshold`. */
export interface Thresholded {
  readonly action: GuardAction;
  readonly threshold: number;
}

/** What the guard model's verdicts lead to, for one direction. */
export interface GuardModelRule {
  readonly action: GuardAction;
  /** Only these categories (upper-cased) count as unsafe; undefined: every category. */
  readonly categories: ReadonlySet<string> | undefined;
  readonly controversial: GuardAction;
  /** When the guard model gives no verdict: `block` fails closed, `flag` fails open and says so. */
  readonly onError: GuardAction;
}

/** The resolved policy for one deployment: no `auto` left. */
export interface GuardPolicy {
  readonly input: {
    readonly injection: Thresholded;
    readonly indirectInjection: Thresholded;
    readonly pii: GuardAction;
    readonly secrets: GuardAction;
    readonly guardModel: GuardModelRule;
  };
  readonly output: {
    readonly pii: GuardAction;
    readonly secrets: GuardAction;
    readonly promptLeak: GuardAction;
    readonly guardModel: GuardModelRule;
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
      guardModel: guardModelRule(input.guard_model, config),
    },
    output: {
      pii: auto(output.pii),
      secrets: output.secrets,
      promptLeak: output.prompt_leak,
      guardModel: guardModelRule(output.guard_model, config),
    },
  };
}

function guardModelRule(action: GuardModelAction, config: GuardrailsConfig): GuardModelRule {
  return {
    action: action.action,
    categories:
      action.categories === undefined
        ? undefined
        : new Set(action.categories.map((category) => category.toUpperCase())),
    controversial: action.controversial,
    onError: config.guard_model?.on_error === 'block' ? 'block' : 'flag',
  };
}

/** The action for one guard-model finding under `rule`. */
function decideGuardModel(rule: GuardModelRule, finding: Finding): GuardAction {
  if (rule.action === 'off') return 'off';
  // No verdict: a blocking rule fails as `on_error` says; a rule that only flags or allows does just that.
  if (finding.category === GUARD_UNAVAILABLE) return rule.action === 'block' ? rule.onError : rule.action;
  if (finding.score < 1) return rule.controversial;
  if (rule.categories !== undefined && !rule.categories.has(finding.category.toUpperCase())) return 'allow';
  return rule.action;
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
      case GUARD_MODEL_SCANNER:
        return decideGuardModel(policy.input.guardModel, finding);
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
    case GUARD_MODEL_SCANNER:
      return decideGuardModel(policy.output.guardModel, finding);
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
    if (scanner === GUARD_MODEL_SCANNER) return policy.input.guardModel.action !== 'off';
    return true;
  }
  if (scanner === GUARD_MODEL_SCANNER) return policy.output.guardModel.action !== 'off';
  if (scanner === 'pii') return policy.output.pii !== 'off';
  if (scanner === 'secrets') return policy.output.secrets !== 'off';
  if (scanner === 'prompt_leak') return policy.output.promptLeak !== 'off';
  return scanner !== 'injection';
}
