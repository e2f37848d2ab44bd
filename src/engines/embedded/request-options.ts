/**
 * Reads the request fields the embedded engine acts on — sampling (`top_k`, penalties, `logit_bias`),
 * `response_format`, `tools` / `tool_choice`, `chat_template_kwargs`, `reasoning_effort` — from the
 * canonical request's `extra`, validating them with a 400 that names the field.
 */
import { z } from 'zod';
import { formatPath } from '../../config/load.ts';
import type { Extra } from '../engine.ts';
import { GatewayError } from '../../errors.ts';
import type { FunctionTool } from './wire.ts';

const functionTool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected a function name of letters, digits, _ . -'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

const responseFormat = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
]);

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
]);

const extraSchema = z.looseObject({
  n: z.literal(1, { error: 'the embedded engine generates one choice; n must be 1' }).nullish(),
  top_k: z.int().nonnegative().nullish(),
  min_p: z.number().min(0).max(1).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  repetition_penalty: z.number().positive().nullish(),
  logit_bias: z
    .record(z.string().regex(/^\d+$/, 'expected token ids as keys'), z.number().min(-100).max(100))
    .nullish(),
  response_format: responseFormat.nullish(),
  tools: z.array(functionTool).nullish(),
  tool_choice: toolChoice.nullish(),
  chat_template_kwargs: z.record(z.string(), z.unknown()).nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high']).nullish(),
});

/** How a tool may be used: not at all, at the model's choice, or forced (any tool, or one by name). */
export type ToolMode =
  | { readonly kind: 'none' }
  | { readonly kind: 'auto' }
  | { readonly kind: 'required'; readonly name?: string };

/** The validated embedded-specific options of one request. */
export interface RequestOptions {
  readonly topK?: number;
  readonly minP?: number;
  readonly frequencyPenalty?: number;
  readonly presencePenalty?: number;
  readonly repetitionPenalty?: number;
  readonly logitBias: ReadonlyMap<number, number>;
  /** Output held to JSON: any JSON object, or a schema. */
  readonly json?: { readonly kind: 'object' } | { readonly kind: 'schema'; readonly schema: unknown };
  readonly tools: readonly FunctionTool[];
  readonly toolMode: ToolMode;
  readonly templateVariables: Readonly<Record<string, unknown>>;
}

/** Validates and reads the options; throws a 400 `invalid_request` naming the bad field. */
export function readRequestOptions(extra: Extra): RequestOptions {
  const result = extraSchema.safeParse(extra);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const param = formatPath(issue.path);
    throw new GatewayError('invalid_request', `'${param}': ${issue.message}`, { param });
  }
  const fields = result.data;
  const tools = fields.tools ?? [];
  return {
    ...numbers(fields),
    logitBias: new Map(Object.entries(fields.logit_bias ?? {}).map(([token, bias]) => [Number(token), bias])),
    ...jsonMode(fields.response_format ?? undefined),
    tools,
    toolMode: toolMode(fields.tool_choice ?? undefined, tools),
    templateVariables: templateVariables(fields),
  };
}

type Fields = z.output<typeof extraSchema>;

function numbers(fields: Fields): Partial<RequestOptions> {
  const result: { -readonly [K in keyof RequestOptions]?: RequestOptions[K] } = {};
  if (fields.top_k != null) result.topK = fields.top_k;
  if (fields.min_p != null) result.minP = fields.min_p;
  if (fields.frequency_penalty != null) result.frequencyPenalty = fields.frequency_penalty;
  if (fields.presence_penalty != null) result.presencePenalty = fields.presence_penalty;
  if (fields.repetition_penalty != null) result.repetitionPenalty = fields.repetition_penalty;
  return result;
}

function jsonMode(format: z.output<typeof responseFormat> | undefined): Pick<RequestOptions, 'json'> {
  if (format === undefined || format.type === 'text') return {};
  if (format.type === 'json_object') return { json: { kind: 'object' } };
  const schema = (format as { json_schema: { schema?: unknown } }).json_schema.schema;
  return { json: schema === undefined ? { kind: 'object' } : { kind: 'schema', schema } };
}

function toolMode(choice: z.output<typeof toolChoice> | undefined, tools: readonly FunctionTool[]): ToolMode {
  if (tools.length === 0 || choice === 'none') return { kind: 'none' };
  if (choice === undefined || choice === 'auto') return { kind: 'auto' };
  if (choice === 'required') return { kind: 'required' };
  const name = choice.function.name;
  if (!tools.some((tool) => tool.function.name === name)) {
    throw new GatewayError('invalid_request', `tool_choice names function '${name}', which is not in tools`, {
      param: 'tool_choice',
    });
  }
  return { kind: 'required', name };
}

/** `chat_template_kwargs`, with `reasoning_effort` mapped to Qwen3's `enable_thinking` unless given. */
function templateVariables(fields: Fields): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...(fields.chat_template_kwargs ?? {}) };
  const effort = fields.reasoning_effort;
  if (effort != null && !('enable_thinking' in variables)) {
    variables.enable_thinking = effort !== 'none' && effort !== 'minimal';
  }
  return variables;
}
