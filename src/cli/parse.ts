/** Argument parsers shared by CLI commands. */
import { InvalidArgumentError } from 'commander';

/** Parses a non-negative integer option, with commander's own error on bad input. */
export function parseInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new InvalidArgumentError(`expected a non-negative integer, got '${value}'`);
  return number;
}
