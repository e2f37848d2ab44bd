import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../config/load.ts';
import type { ChatEvent } from '../engine.ts';
import type { StreamCall } from './stream-call.ts';
import { StreamTranslator } from './translate-stream.ts';
import { UpstreamEventStream } from './upstream-stream.ts';

/** A call whose body arrives as `chunks`, all already buffered. */
function bufferedCall(chunks: readonly Buffer[]): StreamCall {
  let next = 0;
  const call = {
    read: () => (next < chunks.length ? (chunks[next++] as Buffer) : null),
    get ended() {
      return next >= chunks.length;
    },
    failure: undefined,
    wait: (wake: () => void) => wake(),
    stop: () => {},
  };
  return call as unknown as StreamCall;
}

const deployment = parseConfig({
  deployments: [
    { name: 'up', engine: 'openai-compatible', base_url: 'http://127.0.0.1:1/v1', models: ['m'] },
  ],
}).deployments[0];

function events(chunks: readonly Buffer[]): ChatEvent[] {
  if (deployment?.engine !== 'openai-compatible') throw new Error('expected an openai-compatible deployment');
  const stream = new UpstreamEventStream(
    bufferedCall(chunks),
    new StreamTranslator('up', 'chat', 'request'),
    deployment,
  );
  const out: ChatEvent[] = [];
  for (let event = stream.takeReady(); event !== undefined; event = stream.takeReady()) out.push(event);
  return out;
}

function chunk(delta: object, finish: string | null = null): string {
  const body = {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(body)}`;
}

/** Text deltas with two- to four-byte characters, so splits fall inside them. */
const PIECES = ['Halo', ' dunia ', 'é', '🌏', ' — ', '日本', '!'];

function body(lineEnd: string): Buffer {
  const lines = [
    chunk({ role: 'assistant', content: '' }),
    ...PIECES.map((piece) => chunk({ content: piece })),
    chunk({}, 'stop'),
    'data: [DONE]',
  ];
  return Buffer.from(lines.map((line) => `${line}${lineEnd}${lineEnd}`).join(''), 'utf8');
}

function text(all: readonly ChatEvent[]): string {
  return all.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
}

describe('UpstreamEventStream', () => {
  for (const [name, lineEnd] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    void it(`reads the same events however a ${name} body is split, multi-byte characters included`, () => {
      const bytes = body(lineEnd);
      const whole = events([bytes]);
      assert.equal(text(whole), PIECES.join(''));
      assert.deepEqual(
        whole.map((event) => event.type),
        ['start', ...Array<string>(PIECES.length + 1).fill('text-delta'), 'finish'],
      );
      assert.deepEqual(events([...bytes].map((byte) => Buffer.from([byte]))), whole, 'byte by byte');
      for (let offset = 1; offset < bytes.length; offset++) {
        const split = events([bytes.subarray(0, offset), bytes.subarray(offset)]);
        assert.deepEqual(split, whole, `split at byte ${offset}`);
      }
    });
  }

  void it('ends with an error when the body stops inside a character, never with its bytes dropped silently', () => {
    const bytes = body('\n');
    const cut = bytes.indexOf(Buffer.from('🌏')) + 2;
    const all = events([bytes.subarray(0, cut)]);
    assert.equal(all.at(-1)?.type, 'error');
  });
});
