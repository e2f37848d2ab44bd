/**
 * Screens a chat request's input once, before routing, and applies a deployment's policy to the findings:
 * block (a 400 naming the scanner and category), redact (placeholders in the request, originals in the
 * request's vault), flag or allow — each decision an event. Scanning is done once; applying is per target,
 * because whether personal data is redacted depends on where the chosen deployment runs.
 */
import { GatewayError } from '../errors.ts';
import type { ChatRequest } from '../engines/engine.ts';
import { guardEvent, type GuardEvent } from './guard-event.ts';
import { decide, isScannerOn, type GuardPolicy } from './policy.ts';
import { createVault, type RedactionVault } from './redaction/vault.ts';
import { redact } from './redaction/redact.ts';
import { requestTexts, withTexts, type TextSlot } from './request-texts.ts';
import { NO_DATA_CLASSES } from './residency.ts';
import type { ScanOffload } from './scan-offload.ts';
import {
  NO_FINDINGS,
  type DataClass,
  type Finding,
  type ScanContext,
  type TextScanner,
  type TextSource,
} from './scanner.ts';
import type { ScannerSpec } from './scanner-spec.ts';

/** The findings of one request's input, per text. */
export interface InputScreening {
  readonly slots: readonly { readonly slot: TextSlot; readonly findings: readonly Finding[] }[];
  /** The data classes the input carries, for residency routing. */
  readonly dataClasses: ReadonlySet<DataClass>;
}

/** A request the policy let through (maybe redacted), or the reason it did not. */
export type GuardedInput =
  | {
      readonly kind: 'pass';
      readonly request: ChatRequest;
      readonly vault: RedactionVault;
      readonly events: readonly GuardEvent[];
    }
  | { readonly kind: 'block'; readonly error: GatewayError; readonly events: readonly GuardEvent[] };

/** Runs every scanner over every text of the request, cheapest scanner first. */
export function screenInput(request: ChatRequest, scanners: readonly TextScanner[]): InputScreening {
  return screenSlots(requestTexts(request), scanners);
}

/** `screenInput` over texts already taken from the request. */
export function screenSlots(slots: readonly TextSlot[], scanners: readonly TextScanner[]): InputScreening {
  // The guard stage passes its scanners already in order; sort only what arrives unsorted.
  const ordered = byCost(scanners) ? scanners : [...scanners].sort((a, b) => a.cost - b.cost);
  let dataClasses: Set<DataClass> | undefined;
  const screened = new Array<{ readonly slot: TextSlot; readonly findings: readonly Finding[] }>(
    slots.length,
  );
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index]!;
    const context = SCAN_CONTEXTS[slot.source];
    // Most texts are clean: they share the empty list rather than each get one (this runs for every request).
    let findings: Finding[] | undefined;
    for (const scanner of ordered) {
      for (const finding of scanner.scan(slot.text, context)) {
        (findings ??= []).push(finding);
        if (finding.dataClass !== undefined) (dataClasses ??= new Set()).add(finding.dataClass);
      }
    }
    screened[index] = { slot, findings: findings ?? NO_FINDINGS };
  }
  return { slots: screened, dataClasses: dataClasses ?? NO_DATA_CLASSES };
}

/** The scan context of each source, made once: scanners only read it. */
const SCAN_CONTEXTS: Readonly<Record<TextSource, ScanContext>> = {
  system: Object.freeze({ source: 'system' }),
  user: Object.freeze({ source: 'user' }),
  assistant: Object.freeze({ source: 'assistant' }),
  tool: Object.freeze({ source: 'tool' }),
  retrieved: Object.freeze({ source: 'retrieved' }),
  output: Object.freeze({ source: 'output' }),
};

/** `screenSlots` on the scanning thread (see scan-offload.ts): the same scanners, described by `specs`. */
export async function screenSlotsOffloaded(
  slots: readonly TextSlot[],
  specs: readonly ScannerSpec[],
  offload: ScanOffload,
): Promise<InputScreening> {
  const found = await offload.scan(
    slots.map(({ text, source }) => ({ text, source })),
    specs,
  );
  const dataClasses = new Set<DataClass>();
  const screened = slots.map((slot, index) => {
    const findings = found[index] ?? [];
    for (const finding of findings) if (finding.dataClass !== undefined) dataClasses.add(finding.dataClass);
    return { slot, findings };
  });
  return { slots: screened, dataClasses };
}

function byCost(scanners: readonly TextScanner[]): boolean {
  for (let index = 1; index < scanners.length; index++)
    if (scanners[index]!.cost < scanners[index - 1]!.cost) return false;
  return true;
}

/**
 * Adds findings about the request as a whole (the guard model's verdict) to the screening, on the newest
 * user message (the newest message of any kind when there is none).
 */
export function withRequestFindings(screening: InputScreening, findings: readonly Finding[]): InputScreening {
  if (findings.length === 0 || screening.slots.length === 0) return screening;
  let index = screening.slots.findLastIndex((entry) => entry.slot.source === 'user');
  if (index < 0) index = screening.slots.length - 1;
  const slots = screening.slots.map((entry, position) =>
    position === index ? { ...entry, findings: [...entry.findings, ...findings] } : entry,
  );
  return { ...screening, slots };
}

/** Applies one deployment's policy to a screening. */
export function applyInputPolicy(
  request: ChatRequest,
  screening: InputScreening,
  policy: GuardPolicy,
): GuardedInput {
  const events: GuardEvent[] = [];
  const vault = createVault();
  let replacements: Map<TextSlot, string> | undefined;
  for (const { slot, findings } of screening.slots) {
    if (findings.length === 0) continue;
    const toRedact: Finding[] = [];
    for (const finding of findings) {
      if (!isScannerOn(policy, 'input', finding.scanner)) continue;
      const action = decide(policy, 'input', finding, slot.source);
      if (action === 'off' || action === 'allow') continue;
      events.push(guardEvent('input', finding, action, slot.source));
      if (action === 'block') {
        return {
          kind: 'block',
          events,
          error: new GatewayError(
            'content_blocked',
            `request blocked by the ${finding.scanner} guardrail: ${finding.category} in a ${slot.source} message`,
            { param: 'messages' },
          ),
        };
      }
      if (action === 'redact') toRedact.push(finding);
    }
    if (toRedact.length > 0) (replacements ??= new Map()).set(slot, redact(slot.text, toRedact, vault).text);
  }
  const guarded = replacements === undefined ? request : withTexts(request, replacements);
  return { kind: 'pass', request: guarded, vault, events };
}
