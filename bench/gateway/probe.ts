/** A correctness check before a target is measured: one request per mode, the answer must look like OpenAI's. */
import { request } from 'undici';
import type { Mode } from './requests.ts';
import { CHAT_PATH, chatBody, chatHeaders } from './requests.ts';

function checkJson(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    return typeof content === 'string' && content !== ''
      ? undefined
      : `no choices[0].message.content in ${text}`;
  } catch {
    return `not JSON: ${text}`;
  }
}

function checkStream(text: string): string | undefined {
  if (!/"content"\s*:\s*"[^"]/.test(text)) return `no content delta in the stream: ${text}`;
  if (!text.includes('data: [DONE]')) return `stream did not end with data: [DONE]: ${text.slice(-300)}`;
  return undefined;
}

/** Sends one `mode` request to `origin`; resolves undefined when the answer is right, else why it is not. */
export async function probeChat(
  origin: string,
  targetHeaders: Readonly<Record<string, string>>,
  mode: Mode,
): Promise<string | undefined> {
  try {
    const response = await request(`${origin}${CHAT_PATH}`, {
      method: 'POST',
      headers: chatHeaders(targetHeaders),
      body: chatBody(mode),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) return `HTTP ${response.statusCode}: ${text.slice(0, 300)}`;
    const problem = mode === 'json' ? checkJson(text) : checkStream(text);
    return problem?.slice(0, 400);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
