/** How model commands end on an expected failure: one line on stderr, no stack, an exit code. */
import { isGatewayError } from '../errors.ts';

/** Prints a GatewayError's message and returns the exit code (2 for a bad name, else 1); rethrows bugs. */
export function reportError(error: unknown): number {
  if (!isGatewayError(error)) throw error;
  process.stderr.write(`daulat: ${error.message}\n`);
  return error.code === 'model_not_in_catalog' ? 2 : 1;
}
