/**
 * What the guardrails did, as structured events for the ledger, the audit log and the response header —
 * scanner, category, action, score and where; never the value that was found.
 */
import type { GuardAction } from '../config/guardrails-schema.ts';
import type { Direction } from './policy.ts';
import type { Finding, TextSource } from './scanner.ts';

/** One decision on one finding. */
export interface GuardEvent {
  readonly direction: Direction;
  readonly scanner: string;
  readonly category: string;
  readonly action: Exclude<GuardAction, 'off'>;
  readonly score: number;
  readonly source: TextSource;
}

/** The event for a decided finding (the finding's span and value stay behind). */
export function guardEvent(
  direction: Direction,
  finding: Finding,
  action: Exclude<GuardAction, 'off'>,
  source: TextSource,
): GuardEvent {
  return {
    direction,
    scanner: finding.scanner,
    category: finding.category,
    action,
    score: Math.round(finding.score * 1000) / 1000,
    source,
  };
}

/** `x-daulat-guard`: `redacted=2;flagged=prompt_injection,email;blocked=aws_access_key` — what a client may see. */
export function formatGuardHeader(events: readonly GuardEvent[]): string | undefined {
  if (events.length === 0) return undefined;
  const redacted = events.filter((event) => event.action === 'redact').length;
  const flagged = [
    ...new Set(events.filter((event) => event.action === 'flag').map((event) => event.category)),
  ];
  const blocked = [
    ...new Set(events.filter((event) => event.action === 'block').map((event) => event.category)),
  ];
  const parts = [
    ...(redacted > 0 ? [`redacted=${redacted}`] : []),
    ...(flagged.length > 0 ? [`flagged=${flagged.join(',')}`] : []),
    ...(blocked.length > 0 ? [`blocked=${blocked.join(',')}`] : []),
  ];
  return parts.length > 0 ? parts.join(';') : undefined;
}
