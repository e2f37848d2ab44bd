import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseParser, type SseEvent } from './sse-parser.ts';

type Expected = Partial<SseEvent> & { data: string };

function parse(chunks: readonly Uint8Array[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

/** Every way the tests split a body: whole, byte by byte, and in two at every offset. */
function splits(bytes: Buffer): Buffer[][] {
  const result: Buffer[][] = [[bytes], [...bytes].map((byte) => Buffer.from([byte]))];
  for (let offset = 1; offset < bytes.length; offset++) {
    result.push([bytes.subarray(0, offset), bytes.subarray(offset)]);
  }
  return result;
}

const cases: { name: string; input: string; expected: Expected[] }[] = [
  { name: 'one event', input: 'data: {"a":1}\n\n', expected: [{ data: '{"a":1}' }] },
  { name: 'two events', input: 'data: a\n\ndata: b\n\n', expected: [{ data: 'a' }, { data: 'b' }] },
  {
    name: 'CRLF line ends',
    input: 'data: a\r\n\r\ndata: b\r\n\r\n',
    expected: [{ data: 'a' }, { data: 'b' }],
  },
  { name: 'CR line ends', input: 'data: a\r\rdata: b\r\r', expected: [{ data: 'a' }, { data: 'b' }] },
  { name: 'mixed line ends', input: 'data: a\r\n\ndata: b\n\r\n', expected: [{ data: 'a' }, { data: 'b' }] },
  { name: 'multi-line data', input: 'data: a\ndata: b\ndata:\n\n', expected: [{ data: 'a\nb\n' }] },
  { name: 'no space after the colon', input: 'data:x\n\n', expected: [{ data: 'x' }] },
  { name: 'only one leading space is stripped', input: 'data:  x \n\n', expected: [{ data: ' x ' }] },
  { name: 'empty data', input: 'data:\n\n', expected: [{ data: '' }] },
  { name: 'field without colon', input: 'data\n\n', expected: [{ data: '' }] },
  { name: 'comment lines', input: ': ping\ndata: a\n: keep-alive\n\n:\n\n', expected: [{ data: 'a' }] },
  {
    name: 'event and id fields',
    input: 'event: error\nid: 7\ndata: {"x":1}\n\ndata: y\n\n',
    expected: [
      { event: 'error', id: '7', data: '{"x":1}' },
      { event: '', id: '7', data: 'y' },
    ],
  },
  {
    name: 'event without data is not dispatched',
    input: 'event: ping\n\ndata: a\n\n',
    expected: [{ event: '', data: 'a' }],
  },
  {
    name: 'unknown fields and retry are ignored',
    input: 'retry: 10\nfoo: bar\ndata: a\n\n',
    expected: [{ data: 'a' }],
  },
  {
    name: 'final event without trailing blank line',
    input: 'data: a\n\ndata: [DONE]',
    expected: [{ data: 'a' }, { data: '[DONE]' }],
  },
  { name: 'final event with a single line end', input: 'data: [DONE]\n', expected: [{ data: '[DONE]' }] },
  { name: 'leading BOM', input: '\ufeffdata: a\n\n', expected: [{ data: 'a' }] },
  {
    name: 'multi-byte characters',
    input: 'data: {"t":"héllo 世界 🙂"}\n\n',
    expected: [{ data: '{"t":"héllo 世界 🙂"}' }],
  },
  { name: 'blank lines only', input: '\n\n\r\n', expected: [] },
  { name: 'empty body', input: '', expected: [] },
  {
    name: 'colon inside the value',
    input: 'data: {"url":"http://x"}\n\n',
    expected: [{ data: '{"url":"http://x"}' }],
  },
  {
    name: 'data field name must match exactly',
    input: 'datum: x\ndata2: y\ndata: z\n\n',
    expected: [{ data: 'z' }],
  },
];

void describe('SseParser', () => {
  for (const testCase of cases) {
    void it(`parses ${testCase.name}, however the body is split`, () => {
      for (const chunks of splits(Buffer.from(testCase.input, 'utf8'))) {
        const events = parse(chunks);
        assert.equal(
          events.length,
          testCase.expected.length,
          `split into ${chunks.length}: ${JSON.stringify(events)}`,
        );
        testCase.expected.forEach((expected, index) => {
          const actual = events[index];
          assert.ok(actual);
          assert.equal(actual.data, expected.data);
          if (expected.event !== undefined) assert.equal(actual.event, expected.event);
          if (expected.id !== undefined) assert.equal(actual.id, expected.id);
        });
      }
    });
  }

  void it('dispatches events as soon as their blank line arrives', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((event) => events.push(event));
    parser.push(Buffer.from('data: a\n'));
    assert.equal(events.length, 0);
    parser.push(Buffer.from('\ndata: b'));
    assert.deepEqual(
      events.map((event) => event.data),
      ['a'],
    );
    parser.push(Buffer.from('\n\n'));
    assert.deepEqual(
      events.map((event) => event.data),
      ['a', 'b'],
    );
  });

  void it('accepts strings as well as bytes', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((event) => events.push(event));
    parser.push('data: a\r');
    parser.push('\ndata: b\r\n\r\n');
    parser.end();
    assert.deepEqual(
      events.map((event) => event.data),
      ['a\nb'],
    );
  });
});
