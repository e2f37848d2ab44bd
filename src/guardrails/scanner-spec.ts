/**
 * The input scanners described as data, so a worker thread can build the same scanners the event loop uses
 * (see scan-offload.ts): a scanner object holds functions and compiled state and cannot be sent.
 */
import type { TextScanner } from './scanner.ts';
import { createInjectionScanner } from './scanners/injection.ts';
import { createPiiScanner } from './scanners/pii.ts';
import { createSecretsScanner } from './scanners/secrets.ts';

/** One input scanner: the built-in secrets and personal-data scanners, or injection down to `minScore`. */
export type ScannerSpec =
  | { readonly id: 'secrets' }
  | { readonly id: 'pii' }
  | { readonly id: 'injection'; readonly minScore: number };

/** Builds the scanner `spec` describes. */
export function buildScanner(spec: ScannerSpec): TextScanner {
  switch (spec.id) {
    case 'secrets':
      return createSecretsScanner();
    case 'pii':
      return createPiiScanner();
    case 'injection':
      return createInjectionScanner({ minScore: spec.minScore });
  }
}

/** A key naming the scanner `spec` describes, for reusing built scanners. */
export function specKey(spec: ScannerSpec): string {
  return spec.id === 'injection' ? `injection:${spec.minScore}` : spec.id;
}
