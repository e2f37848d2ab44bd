/**
 * Plans one chat generation on a loaded model: renders the model's template, decides the grammar
 * (forced tool call or JSON output), tokenizes, and bounds max_tokens by what is left of the context.
 */
import type { Token } from 'node-llama-cpp';
import { GatewayError } from '../../errors.ts';
import type { ChatRequest, CompletionRequest } from '../engine.ts';
import { jsonSchemaToGbnf } from './json-schema-grammar.ts';
import type { LoadedModel } from './model-host.ts';
import type { RequestOptions } from './request-options.ts';
import { toolCallGrammar } from './tool-call-grammar.ts';
import type { ToolCallFormat } from './tool-call-parser.ts';

/** What to evaluate, and how to read what comes back. */
export interface GenerationPlan {
  readonly tokens: Token[];
  readonly maxTokens: number;
  readonly grammar?: string;
  readonly reasoning: { readonly enabled: boolean; readonly startsInReasoning: boolean };
  readonly toolCalls: ToolCallFormat;
}

/** Plans a chat request; throws 400s for requests this model cannot serve. */
export function planChat(loaded: LoadedModel, request: ChatRequest, options: RequestOptions): GenerationPlan {
  const template = loaded.template;
  const useTools = options.toolMode.kind !== 'none';
  const format = useTools ? template.toolCallFormat : 'none';
  const grammar = chatGrammar(options, format);
  const rendered = template.render(
    request.messages,
    useTools ? options.tools : undefined,
    options.templateVariables,
  );
  // Constrained output cannot also think freely: close an open think block so the grammar governs the answer.
  const text =
    grammar !== undefined && rendered.startsInReasoning ? `${rendered.text}</think>\n\n` : rendered.text;
  const tokens = loaded.model.tokenize(text, true);
  return {
    tokens,
    maxTokens: boundMaxTokens(loaded, tokens.length, request.maxTokens),
    ...(grammar === undefined ? {} : { grammar }),
    reasoning: {
      enabled: template.knowsThinking || rendered.startsInReasoning,
      startsInReasoning: rendered.startsInReasoning && grammar === undefined,
    },
    toolCalls: format,
  };
}

/** Plans a legacy completion: the prompt as given (text or token ids), no template. */
export function planCompletion(
  loaded: LoadedModel,
  request: CompletionRequest,
  options: RequestOptions,
): GenerationPlan {
  const tokens = promptTokens(loaded, request.prompt);
  const grammar = options.json === undefined ? undefined : jsonGrammar(options.json);
  return {
    tokens,
    maxTokens: boundMaxTokens(loaded, tokens.length, request.maxTokens ?? 16),
    ...(grammar === undefined ? {} : { grammar }),
    reasoning: { enabled: false, startsInReasoning: false },
    toolCalls: 'none',
  };
}

function chatGrammar(options: RequestOptions, format: ToolCallFormat): string | undefined {
  const mode = options.toolMode;
  if (mode.kind === 'required') {
    if (format === 'none') {
      throw new GatewayError(
        'invalid_request',
        "this model's chat template has no tool-call format, so tool_choice cannot force a call",
        {
          param: 'tool_choice',
        },
      );
    }
    const tools =
      mode.name === undefined
        ? options.tools
        : options.tools.filter((tool) => tool.function.name === mode.name);
    return toolCallGrammar(format, tools);
  }
  return options.json === undefined ? undefined : jsonGrammar(options.json);
}

function jsonGrammar(json: NonNullable<RequestOptions['json']>): string {
  try {
    return jsonSchemaToGbnf(json.kind === 'object' ? { type: 'object' } : json.schema);
  } catch (error) {
    throw new GatewayError('invalid_request', `cannot use this JSON schema: ${(error as Error).message}`, {
      param: 'response_format',
    });
  }
}

function promptTokens(loaded: LoadedModel, prompt: CompletionRequest['prompt']): Token[] {
  const first: unknown = Array.isArray(prompt) ? prompt[0] : undefined;
  const single =
    prompt.length === 1 && first !== undefined && typeof first !== 'number'
      ? (first as string | readonly number[])
      : prompt;
  if (typeof single === 'string') {
    const bos = loaded.model.tokens.bos;
    const addBos = loaded.model.fileInfo.metadata.tokenizer?.ggml?.add_bos_token !== false && bos !== null;
    return [...(addBos ? [bos] : []), ...loaded.model.tokenize(single, false)];
  }
  if (Array.isArray(single) && single.every((token): token is number => typeof token === 'number')) {
    const vocabulary =
      loaded.model.fileInfo.metadata.tokenizer?.ggml?.tokens?.length ?? Number.POSITIVE_INFINITY;
    if (single.some((token) => !Number.isInteger(token) || token < 0 || token >= vocabulary)) {
      throw new GatewayError('invalid_request', 'prompt holds token ids outside the model vocabulary', {
        param: 'prompt',
      });
    }
    return single as Token[];
  }
  throw new GatewayError('invalid_request', 'the embedded engine takes one prompt per request', {
    param: 'prompt',
  });
}

function boundMaxTokens(loaded: LoadedModel, promptLength: number, requested: number | undefined): number {
  const room = loaded.contextSize - promptLength;
  if (promptLength === 0)
    throw new GatewayError('invalid_request', 'the prompt is empty', { param: 'prompt' });
  if (room <= 0) {
    throw new GatewayError(
      'context_length_exceeded',
      `the prompt has ${promptLength} tokens; this deployment's context holds ${loaded.contextSize}`,
      { param: 'messages' },
    );
  }
  return requested === undefined ? room : Math.min(requested, room);
}
