/**
 * Zod schemas for the OpenAI request fields Daulat reads, and the helper that turns a failed parse into
 * a 400 naming the field. Objects are loose: fields Daulat does not read pass through untouched.
 */
import { setField } from '../../engines/assign-extra.ts';
import { z } from 'zod';
import { GatewayError } from '../../errors.ts';
import { formatPath } from '../../config/load.ts';

export const stopSchema = z.union([z.string(), z.array(z.string()).max(16)]).nullish();
export const samplingFields = {
  model: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'expected a string') })
    .min(1, 'is required'),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.int().nonnegative().nullish(),
  max_completion_tokens: z.int().nonnegative().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  seed: z.int().nullish(),
  n: z.int().positive().max(128).nullish(),
  stop: stopSchema,
};

/** Parses `body` with `schema`, or throws a 400 `invalid_request` naming the first bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'request body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue ? formatPath(issue.path) : null;
  const message = issue ? describeIssue(issue, param ?? '', body) : 'invalid request';
  throw new GatewayError('invalid_request', message, { param });
}

function describeIssue(issue: z.core.$ZodIssue, param: string, body: object): string {
  // Zod's issues do not carry the input, so absence is read from the body: `"model": 1` is a wrong type,
  // not a missing field.
  if (issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined) {
    return `'${param}' is required`;
  }
  return `'${param}': ${issue.message}`;
}

function valueAt(body: object, path: readonly PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Drops the keys Daulat reads from a parsed body, leaving the fields to pass through verbatim. */
export function extraFields(
  body: Record<string, unknown>,
  known: ReadonlySet<string>,
): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key in body) if (!known.has(key)) setField(extra, key, body[key]);
  return extra;
}

/** Normalises `stop` to an array (or undefined). */
export function toStopList(stop: string | string[] | null | undefined): string[] | undefined {
  if (stop === null || stop === undefined) return undefined;
  return typeof stop === 'string' ? [stop] : stop;
}
