/**
 * A precompiled check for the common chat-completions body: string messages, plain sampling fields. When it
 * passes, zod would accept the body unchanged, so the decoder skips zod (about 10 µs per request); anything
 * unusual (tool calls, content parts, a bad field) goes through zod, which also writes the error message.
 */

const BASE_ROLES = new Set(['system', 'developer', 'user']);

/** True when `body` certainly passes the chat body schema and parsing it would return it unchanged. */
export function isPlainChatBody(body: Record<string, unknown>): boolean {
  return (
    typeof body.model === 'string' &&
    body.model !== '' &&
    arePlainMessages(body.messages) &&
    isNullishOr(body.stream, isBoolean) &&
    isNullishOr(body.stream_options, isStreamOptions) &&
    isNullishOr(body.max_tokens, isCount) &&
    isNullishOr(body.max_completion_tokens, isCount) &&
    isNullishOr(body.temperature, (value) => isNumberIn(value, 0, 2)) &&
    isNullishOr(body.top_p, (value) => isNumberIn(value, 0, 1)) &&
    isNullishOr(body.seed, Number.isSafeInteger) &&
    isNullishOr(body.n, (value) => Number.isSafeInteger(value) && isNumberIn(value, 1, 128)) &&
    isNullishOr(body.stop, isStop) &&
    isNullishOr(body.tools, areTools)
  );
}

function arePlainMessages(messages: unknown): boolean {
  if (!Array.isArray(messages) || messages.length === 0) return false;
  for (const message of messages) if (!isPlainMessage(message)) return false;
  return true;
}

function isPlainMessage(message: unknown): boolean {
  if (!isObject(message)) return false;
  const role = message.role;
  const name = message.name;
  if (name !== undefined && typeof name !== 'string') return false;
  if (typeof role !== 'string') return false;
  if (BASE_ROLES.has(role)) return typeof message.content === 'string';
  if (role === 'assistant') {
    return (
      (message.content === null || message.content === undefined || typeof message.content === 'string') &&
      message.tool_calls === undefined &&
      isNullishOr(message.reasoning_content, (value) => typeof value === 'string')
    );
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullishOr(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || value === null || check(value);
}

function isBoolean(value: unknown): boolean {
  return typeof value === 'boolean';
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

function isStreamOptions(value: unknown): boolean {
  return isObject(value) && isNullishOr(value.include_usage, isBoolean);
}

function isStop(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (!Array.isArray(value) || value.length > 16) return false;
  for (const entry of value) if (typeof entry !== 'string') return false;
  return true;
}

function areTools(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const tool of value) if (!isObject(tool) || typeof tool.type !== 'string') return false;
  return true;
}
