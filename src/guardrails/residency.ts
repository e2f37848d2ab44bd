/**
 * Data residency: which deployments may receive a request, given the data classes it carries (found by the
 * scanners, or declared by the caller with `x-daulat-data-class`) and where each deployment runs. A class the
 * policy lists may only go to matching locations — unless it is in `redact_then_egress` and the deployment's
 * policy redacts it, so only placeholders cross the line.
 */
import type { GuardrailsConfig } from '../config/guardrails-schema.ts';
import type { GuardPolicy } from './policy.ts';
import type { DataClass } from './scanner.ts';

/** Which scanner's findings carry each detectable class (declared classes have none: they cannot be redacted). */
const CLASS_SCANNER: Readonly<Record<DataClass, 'pii' | 'secrets' | undefined>> = {
  national_id: 'pii',
  financial: 'pii',
  personal: 'pii',
  secret: 'secrets',
  health: undefined,
};

/** No classes: shared by every request that carries none (most), so none of them makes a set. */
export const NO_DATA_CLASSES: ReadonlySet<never> = new Set();

/** The classes a request carries: detected, plus declared (`x-daulat-data-class: health, payroll`). */
export function requestDataClasses(
  detected: ReadonlySet<string>,
  declaredHeader: string | undefined,
): ReadonlySet<string> {
  if (declaredHeader === undefined) return detected.size === 0 ? NO_DATA_CLASSES : detected;
  const classes = new Set(detected);
  for (const name of declaredHeader?.split(',') ?? [])
    if (name.trim() !== '') classes.add(name.trim().toLowerCase());
  return classes;
}

/**
 * The first class that may not go to `location` under `policy`, or undefined when all may. Detected classes
 * only count when the policy does not redact them away (`redact_then_egress`).
 */
export function deniedClass(
  residency: GuardrailsConfig['residency'],
  classes: ReadonlySet<string>,
  detected: ReadonlySet<string>,
  location: string,
  policy: GuardPolicy,
): string | undefined {
  for (const dataClass of classes) {
    const allowed = (residency as Record<string, unknown>)[dataClass];
    if (!Array.isArray(allowed) || allowed.some((pattern) => matches(String(pattern), location))) continue;
    if (detected.has(dataClass) && redactedAway(residency, dataClass as DataClass, policy)) continue;
    return dataClass;
  }
  return undefined;
}

function redactedAway(
  residency: GuardrailsConfig['residency'],
  dataClass: DataClass,
  policy: GuardPolicy,
): boolean {
  if (!residency.redact_then_egress.includes(dataClass)) return false;
  const scanner = CLASS_SCANNER[dataClass];
  return scanner !== undefined && policy.input[scanner] === 'redact';
}

/** `id-*` matches `id-jakarta`; a pattern without `*` matches itself. */
function matches(pattern: string, location: string): boolean {
  if (!pattern.includes('*')) return pattern === location;
  const expression = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.]/g, '\\.'))
      .join('.*')}$`,
  );
  return expression.test(location);
}
