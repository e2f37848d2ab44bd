/**
 * The embedded engine's "wire": the message shape Hugging Face chat templates read (`messages`, `tools`),
 * which the canonical request is translated into before rendering.
 */

/** A tool call as chat templates expect it: arguments as an object (templates apply `tojson`). */
export interface TemplateToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: unknown };
}

/** One message as chat templates expect it. */
export interface TemplateMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string;
  readonly name?: string;
  readonly tool_calls?: readonly TemplateToolCall[];
  readonly tool_call_id?: string;
}

/** An OpenAI function tool, passed to the template as the client sent it. */
export interface FunctionTool {
  readonly type: 'function';
  readonly function: { readonly name: string; readonly description?: string; readonly parameters?: unknown };
}
