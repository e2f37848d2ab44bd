/**
 * Watches a stream of canonical events on its way to the client: notes usage, time to first token and
 * how it ended, and reports once when it is over — finished, failed, or abandoned by the client.
 */
import type { ChatEvent, Usage } from '../engines/engine.ts';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { RequestContext } from './gateway.ts';

/** How an observed stream ended. */
export interface StreamOutcome {
  readonly usage: Usage | undefined;
  readonly timeToFirstTokenMs: number | undefined;
  /** Set when the stream failed or the client went away. */
  readonly error: GatewayError | undefined;
  readonly cancelled: boolean;
}

/** Passes events through unchanged and calls `onEnd` exactly once, whatever way the stream ends. */
export async function* observeStream(
  events: AsyncIterable<ChatEvent>,
  context: RequestContext,
  onEnd: (outcome: StreamOutcome) => void,
): AsyncGenerator<ChatEvent, void, undefined> {
  let usage: Usage | undefined;
  let timeToFirstTokenMs: number | undefined;
  let error: GatewayError | undefined;
  let completed = false;
  try {
    for await (const event of events) {
      if (event.type === 'usage') usage = event.usage;
      else if (event.type === 'error') error = event.error;
      else if (timeToFirstTokenMs === undefined && isToken(event)) timeToFirstTokenMs = performance.now() - context.startedAt;
      yield event;
    }
    completed = true;
  } catch (thrown) {
    // Engines report failures as error events; this is the safety net for one that throws instead.
    error = toGatewayError(thrown);
    completed = true;
    yield { type: 'error', error };
  } finally {
    if (!completed && error === undefined) {
      error = new GatewayError('client_closed', 'client closed the connection before the stream ended');
    }
    const cancelled = error?.code === 'client_closed';
    onEnd({ usage, timeToFirstTokenMs, error, cancelled });
  }
}

function isToken(event: ChatEvent): boolean {
  return event.type === 'text-delta' || event.type === 'reasoning-delta' || event.type === 'tool-call-delta';
}
