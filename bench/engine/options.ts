/** Flags of `npm run bench:engine`. */
import { parseArgs } from 'node:util';
import { physicalCores } from '../../src/engines/embedded/llama-runtime.ts';

/** What one benchmark run measures. */
export interface EngineBenchOptions {
  readonly types: readonly ('f16' | 'q8_0')[];
  /** Tokens generated per single-stream decode measurement. */
  readonly decodeTokens: number;
  /** Tokens per request in the concurrency runs. */
  readonly concurrentTokens: number;
  readonly concurrency: readonly number[];
  /** Length of the long prompt (time to first token, prompt tokens/s). */
  readonly promptTokens: number;
  /** Alternating rounds of direct and Daulat; medians are reported. */
  readonly rounds: number;
  readonly threads: number;
  /** Where generated models are cached. */
  readonly modelDir: string;
}

const USAGE = `usage: npm run bench:engine -- [--types f16,q8_0] [--decode-tokens 64] [--concurrent-tokens 32]
       [--concurrency 1,2,4,8] [--prompt-tokens 1000] [--rounds 2] [--threads N] [--model-dir .bench-tmp/models]`;

/** Parses argv; prints usage and exits 2 on a bad flag. */
export function parseEngineBenchOptions(argv: readonly string[]): EngineBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      types: { type: 'string', default: 'f16,q8_0' },
      'decode-tokens': { type: 'string', default: '64' },
      'concurrent-tokens': { type: 'string', default: '32' },
      concurrency: { type: 'string', default: '1,2,4,8' },
      'prompt-tokens': { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '2' },
      threads: { type: 'string', default: String(physicalCores()) },
      'model-dir': { type: 'string', default: '.bench-tmp/models' },
    },
  });
  const types = values.types.split(',').map((type) => type.trim());
  if (!types.every((type): type is 'f16' | 'q8_0' => type === 'f16' || type === 'q8_0'))
    fail(`--types: ${values.types}`);
  return {
    types,
    decodeTokens: positive('decode-tokens', values['decode-tokens']),
    concurrentTokens: positive('concurrent-tokens', values['concurrent-tokens']),
    concurrency: values.concurrency.split(',').map((value) => positive('concurrency', value)),
    promptTokens: positive('prompt-tokens', values['prompt-tokens']),
    rounds: positive('rounds', values.rounds),
    threads: positive('threads', values.threads),
    modelDir: values['model-dir'],
  };
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) fail(`--${name}: expected a positive integer, got '${text}'`);
  return value;
}

function fail(message: string): never {
  process.stderr.write(`bench:engine: ${message}\n${USAGE}\n`);
  process.exit(2);
}
