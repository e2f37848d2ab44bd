import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent } from '../engines/engine.ts';
import { GatewayError } from '../errors.ts';
import { observeStream, type StreamOutcome } from './observe-stream.ts';

const context = {
  requestId: 'r',
  signal: new AbortController().signal,
  startedAt: performance.now(),
  receivedAt: Date.now(),
};
const start: ChatEvent = { type: 'start', id: 'x', created: 1 };
const text: ChatEvent = { type: 'text-delta', choice: 0, text: 'hi' };
const usage: ChatEvent = { type: 'usage', usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } };

async function* from(
  events: ChatEvent[],
  finallyRan: { value: boolean } = { value: false },
): AsyncGenerator<ChatEvent> {
  try {
    yield* events;
  } finally {
    finallyRan.value = true;
  }
}

function observe(source: AsyncIterable<ChatEvent>): {
  stream: AsyncIterableIterator<ChatEvent>;
  outcomes: StreamOutcome[];
} {
  const outcomes: StreamOutcome[] = [];
  return { stream: observeStream(source, context, (outcome) => outcomes.push(outcome)), outcomes };
}

describe('observeStream', () => {
  it('passes every event through and reports usage and time to first token once', async () => {
    const { stream, outcomes } = observe(from([start, text, usage]));
    const seen: ChatEvent[] = [];
    for await (const event of stream) seen.push(event);
    assert.deepEqual(seen, [start, text, usage]);
    assert.equal(outcomes.length, 1);
    assert.deepEqual(outcomes[0]?.usage, { promptTokens: 3, completionTokens: 2, totalTokens: 5 });
    assert.ok((outcomes[0]?.timeToFirstTokenMs ?? -1) >= 0);
    assert.equal(outcomes[0]?.error, undefined);
  });

  it('times the first token from the first delta with text, not the opening one with the role and no text', async () => {
    let beforeText = Number.NaN;
    async function* opening(): AsyncGenerator<ChatEvent> {
      yield start;
      yield { type: 'text-delta', choice: 0, text: '' };
      await new Promise((resolve) => setTimeout(resolve, 20));
      beforeText = performance.now() - context.startedAt;
      yield text;
    }
    const { stream, outcomes } = observe(opening());
    for await (const _event of stream);
    assert.ok((outcomes[0]?.timeToFirstTokenMs ?? -1) >= beforeText);
  });

  it('reports an error event as a failure', async () => {
    const error = new GatewayError('stream_interrupted', 'cut');
    const { stream, outcomes } = observe(from([start, text, { type: 'error', error }]));
    for await (const _event of stream);
    assert.equal(outcomes[0]?.error, error);
    assert.equal(outcomes[0]?.cancelled, false);
  });

  it('reports a consumer that stops early as cancelled and stops the source', async () => {
    const finallyRan = { value: false };
    const { stream, outcomes } = observe(from([start, text, usage], finallyRan));
    for await (const event of stream) if (event.type === 'text-delta') break;
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0]?.cancelled, true);
    assert.equal(outcomes[0]?.error?.code, 'client_closed');
    assert.equal(finallyRan.value, true);
  });

  it('turns a source that throws into a final error event', async () => {
    async function* throwing(): AsyncGenerator<ChatEvent> {
      yield start;
      throw new Error('bug');
    }
    const { stream, outcomes } = observe(throwing());
    const seen: ChatEvent[] = [];
    for await (const event of stream) seen.push(event);
    assert.equal(seen.at(-1)?.type, 'error');
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0]?.error?.code, 'internal_error');
  });
});
