/**
 * A gateway bench run saved as JSON beside its markdown report, so that later runs can be pooled with it
 * (pool.ts): the report shows each comparison's rounds rounded to two digits, this keeps every sample.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { MODES } from './requests.ts';
import type { GatewayBenchResults } from './results.ts';
import { TARGET_NAMES } from './targets.ts';

/** Names the file's layout; a file of another layout is refused rather than misread. */
const FORMAT = 'daulat-bench-gateway/1';

/** The part of a saved run that pooling reads; the file holds the whole run. */
export interface SavedRun {
  readonly path: string;
  readonly results: GatewayBenchResults;
}

const finite = z
  .number()
  .or(z.null())
  .transform((value) => value ?? Number.NaN);

/** A field runs saved before it existed lack: read as NaN, as a target that did not report it. */
const added = finite.optional().transform((value) => value ?? Number.NaN);

const sample = z.looseObject({
  requestsPerSecond: finite,
  p50Ms: finite,
  p99Ms: finite,
  cpuMicrosPerRequest: finite,
  eventLoopMicrosPerRequest: finite,
  gcMicrosPerRequest: added,
  majorGcMicrosPerRequest: added,
  rssMiB: finite,
  requests: finite,
  errors: finite,
  badStatus: finite,
});

const schema = z.looseObject({
  format: z.literal(FORMAT),
  options: z.looseObject({
    modes: z.array(z.enum(MODES)),
    connections: z.array(z.number().int().positive()),
  }),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  targets: z.array(z.looseObject({ name: z.enum(TARGET_NAMES) })),
  cells: z.array(
    z.looseObject({
      target: z.enum(TARGET_NAMES),
      scenario: z.looseObject({ mode: z.enum(MODES), connections: z.number().int().positive() }),
      samples: z.array(sample),
      addedP50Ms: z.array(finite),
      failure: z.string().optional(),
    }),
  ),
  ttft: z.array(z.looseObject({})),
});

/** Writes `results` to `path` as JSON (NaN, which JSON lacks, as null). */
export function saveResults(path: string, results: GatewayBenchResults): void {
  writeFileSync(path, `${JSON.stringify({ format: FORMAT, ...results }, null, 1)}\n`);
}

/** Reads a run saved by `saveResults`; throws naming the file and what is wrong with it. */
export function loadResults(path: string): SavedRun {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read it (${(error as Error).message})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not JSON (${(error as Error).message}); pass the .json saved beside a report`, {
      cause: error,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new Error(`${path}: not a saved gateway bench run${where}: ${issue?.message ?? 'invalid'}`);
  }
  const { format: _format, ...run } = parsed.data;
  const results = {
    ...run,
    startedAt: new Date(run.startedAt),
    finishedAt: new Date(run.finishedAt),
  } as unknown as GatewayBenchResults;
  return { path, results };
}
