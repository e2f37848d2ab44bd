/**
 * A model's own chat template (the Jinja text in its GGUF), compiled once per loaded model and rendered
 * per request with @huggingface/jinja — the same engine the Hugging Face tokenizers use.
 */
import { Template } from '@huggingface/jinja';
import type { ChatMessage, ContentPart } from '../engine.ts';
import { GatewayError } from '../../errors.ts';
import { detectToolCallFormat, type ToolCallFormat } from './tool-call-parser.ts';
import type { FunctionTool, TemplateMessage } from './wire.ts';

/** What rendering a conversation produced. */
export interface RenderedPrompt {
  readonly text: string;
  /** The prompt left a `<think>` block open (DeepSeek-R1, Qwen3): generation begins as reasoning. */
  readonly startsInReasoning: boolean;
}

/** A compiled chat template with what it teaches the model. */
export class ChatTemplate {
  readonly #template: Template;
  readonly #specials: { readonly bos_token: string; readonly eos_token: string };
  /** How this template's model calls tools. */
  readonly toolCallFormat: ToolCallFormat;
  /** The template knows `<think>` blocks (DeepSeek-R1, Qwen3): split reasoning off the answer. */
  readonly knowsThinking: boolean;
  /**
   * Qwen and Llama 3 templates apply `tojson` to tool-call arguments, so they need the object; others
   * (DeepSeek-R1) concatenate the JSON text as the client sent it.
   */
  readonly #argumentsAsObject: boolean;

  constructor(source: string, specials: { bos: string; eos: string }) {
    this.#template = new Template(source);
    this.#specials = { bos_token: specials.bos, eos_token: specials.eos };
    this.toolCallFormat = detectToolCallFormat(source);
    this.knowsThinking = source.includes('</think>');
    this.#argumentsAsObject = /arguments\s*\|\s*tojson/.test(source);
  }

  /** Renders the conversation with the generation prompt; `variables` are `chat_template_kwargs`. */
  render(
    messages: readonly ChatMessage[],
    tools: readonly FunctionTool[] | undefined,
    variables: Readonly<Record<string, unknown>>,
  ): RenderedPrompt {
    let text: string;
    try {
      text = this.#template.render({
        ...variables,
        ...this.#specials,
        messages: messages.map((message) => toTemplateMessage(message, this.#argumentsAsObject)),
        ...(tools !== undefined && tools.length > 0 ? { tools } : {}),
        add_generation_prompt: true,
      });
    } catch (error) {
      throw new GatewayError(
        'invalid_request',
        `the model's chat template rejected the messages: ${String((error as Error).message ?? error)}`,
        {
          param: 'messages',
        },
      );
    }
    return { text, startsInReasoning: /<think>\s*$/.test(text) };
  }
}

/** A template for models without one: plain ChatML, which most instruction-tuned models know. */
export const FALLBACK_TEMPLATE = `{%- for message in messages -%}
<|im_start|>{{ message.role }}
{{ message.content }}<|im_end|>
{% endfor -%}
{%- if add_generation_prompt -%}<|im_start|>assistant
{% endif -%}`;

function toTemplateMessage(message: ChatMessage, argumentsAsObject: boolean): TemplateMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: textOf(message.content) };
    case 'user':
      return {
        role: 'user',
        content: textOf(message.content),
        ...(message.name === undefined ? {} : { name: message.name }),
      };
    case 'tool':
      return { role: 'tool', content: textOf(message.content), tool_call_id: message.toolCallId };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content === null ? '' : textOf(message.content),
        ...(message.toolCalls === undefined || message.toolCalls.length === 0
          ? {}
          : {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: {
                  name: call.name,
                  arguments: argumentsAsObject ? parseArguments(call.arguments) : call.arguments,
                },
              })),
            }),
      };
  }
}

/** Text parts joined; the embedded models read text only, so other parts are refused by name. */
function textOf(content: string | readonly ContentPart[]): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) => {
      if (part.type === 'text' && typeof part.text === 'string') return part.text;
      throw new GatewayError(
        'invalid_request',
        `content parts of type '${part.type}' are not supported by this model; send text`,
        {
          param: 'messages',
        },
      );
    })
    .join('');
}

/** The arguments object for templates that apply `tojson`; text that is not JSON stays text. */
function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
