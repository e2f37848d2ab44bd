/**
 * The system-prompt canary: a marker appended to the system prompt that no honest answer contains, so an
 * answer that repeats it has leaked the prompt — even paraphrased around it, even in pieces shorter than the
 * verbatim-run check can see. One canary per system prompt and secret, not per request: a fresh marker on every
 * request would change the prompt's prefix each time and throw away the KV-cache reuse of the embedded engine
 * and of upstream servers (vLLM's prefix caching), which make the next turn of a conversation 15–30× faster.
 * Users cannot guess it (it is an HMAC under a secret they never see), and it never reaches them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { ChatMessage, ChatRequest } from '../engines/engine.ts';

/** Mints canaries; give every replica the same secret so they mint the same one (shared upstream caches). */
export function createCanaryMinter(
  secret: string = randomBytes(32).toString('hex'),
): (systemPrompt: string) => string {
  return (systemPrompt) =>
    `dlt-canary-${createHmac('sha256', secret).update(systemPrompt).digest('hex').slice(0, 16)}`;
}

/** The request with `canary` appended to its first system (or developer) message. */
export function withCanary(request: ChatRequest, canary: string): ChatRequest {
  const index = request.messages.findIndex(
    (message) => message.role === 'system' || message.role === 'developer',
  );
  if (index < 0) return request;
  const messages = [...request.messages];
  messages[index] = appendTo(messages[index]!, `\n\n${canary}`);
  return { ...request, messages };
}

function appendTo(message: ChatMessage, text: string): ChatMessage {
  if (typeof message.content === 'string') return { ...message, content: message.content + text };
  if (Array.isArray(message.content))
    return { ...message, content: [...message.content, { type: 'text', text }] };
  return message;
}
