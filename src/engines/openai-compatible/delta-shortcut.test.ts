import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatEvent } from '../engine.ts';
import { DeltaShortcut } from './delta-shortcut.ts';
import { StreamTranslator, type StreamKind } from './translate-stream.ts';

const head =
  '{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":';
const chunk = (delta: string, rest = '"finish_reason":null}]}'): string => `${head}${delta},${rest}`;
const content = (text: string): string => chunk(`{"content":${JSON.stringify(text)}}`);

/** Translates `payloads` the full way, teaching a shortcut from each; returns what the shortcut then says of `next`. */
function taught(payloads: readonly string[], next: string, kind: StreamKind = 'chat') {
  const translator = new StreamTranslator('d', kind, 'fallback');
  const shortcut = new DeltaShortcut(kind);
  const events: ChatEvent[] = [];
  for (const payload of payloads) {
    const from = events.length;
    translator.push(JSON.parse(payload), events);
    shortcut.learn(payload, events, from);
  }
  const full: ChatEvent[] = [];
  translator.push(JSON.parse(next), full);
  return { fast: shortcut.match(next), full };
}

describe('DeltaShortcut', () => {
  it('answers a repeated chunk with the event the full path gives, for any string', () => {
    for (const text of [
      'plain',
      'say "hi"',
      'a\\b',
      'tab\there',
      'é 😀',
      '\u2028',
      ' ',
      '}]}',
      '"content":"x"',
    ]) {
      const { fast, full } = taught([content('first'), content('second')], content(text));
      assert.deepEqual(fast, full[0], text);
    }
  });

  it('learns reasoning deltas under their own field, and legacy completion text', () => {
    const reasoning = (text: string) => chunk(`{"reasoning_content":${JSON.stringify(text)}}`);
    const thought = taught([content('x'), reasoning('a')], reasoning('b "c"'));
    assert.deepEqual(thought.fast, thought.full[0]);
    assert.equal(thought.fast?.type, 'reasoning-delta');
    const text = (value: string) =>
      `{"id":"c","object":"text_completion","created":1,"model":"m","choices":[{"index":0,"text":${JSON.stringify(value)},"logprobs":null,"finish_reason":null}]}`;
    const completion = taught([text('a'), text('b')], text('c'), 'completion');
    assert.deepEqual(completion.fast, completion.full[0]);
  });

  it('keeps the unknown fields of the learnt chunk on the events it gives', () => {
    const withExtras = (text: string) =>
      chunk(
        `{"content":${JSON.stringify(text)}}`,
        '"logprobs":null,"finish_reason":null}],"system_fingerprint":"fp"}',
      );
    const { fast, full } = taught([withExtras('a'), withExtras('b')], withExtras('c'));
    assert.deepEqual(fast, full[0]);
    assert.deepEqual(fast?.extra, { choice: { logprobs: null }, chunk: { system_fingerprint: 'fp' } });
  });

  it('declines anything that is not the learnt bytes around exactly one JSON string', () => {
    const learnt = [content('a'), content('b')];
    const declined = [
      content('x').replace('"finish_reason":null', '"finish_reason":"stop"'),
      content('x').replace('"id":"c"', '"id":"d"'),
      `${head}{"content":"x","role":"assistant"},"finish_reason":null}]}`,
      // An unescaped quote: the span holds more than one string.
      chunk('{"content":"a","tool":"b"}'),
      // A backslash escaping the closing quote.
      `${head}{"content":"a\\"},"finish_reason":null}]}`,
      // A raw control character and an unknown escape are not JSON strings.
      `${head}{"content":"a\u0001b"},"finish_reason":null}]}`,
      `${head}{"content":"a\\qb"},"finish_reason":null}]}`,
    ];
    for (const next of declined) {
      const shortcut = new DeltaShortcut('chat');
      const translator = new StreamTranslator('d', 'chat', 'f');
      for (const payload of learnt) {
        const events: ChatEvent[] = [];
        translator.push(JSON.parse(payload), events);
        shortcut.learn(payload, events, 0);
      }
      assert.equal(shortcut.match(next), undefined, next);
    }
  });

  it('learns nothing from a chunk whose string is written unlike JSON.stringify or occurs twice', () => {
    const escaped = chunk('{"content":"caf\\u00e9"}');
    // The first chunk also starts the stream (two events), so the second is the first one learnt from.
    assert.equal(taught([content('x'), content('w'), escaped], content('y')).fast?.text, 'y');
    const shortcut = new DeltaShortcut('chat');
    const events: ChatEvent[] = [];
    const translator = new StreamTranslator('d', 'chat', 'f');
    translator.push(JSON.parse(content('x')), events);
    const from = events.length;
    translator.push(JSON.parse(escaped), events);
    shortcut.learn(escaped, events, from);
    assert.equal(shortcut.match(content('y')), undefined);
    // Were the first occurrence (the unknown field's) taken for the text, changing only it would be misread.
    const twice =
      '{"id":"c","choices":[{"index":0,"note":{"content":"ab"},"delta":{"content":"ab"},"finish_reason":null}]}';
    const again: ChatEvent[] = [];
    translator.push(JSON.parse(twice), again);
    shortcut.learn(twice, again, 0);
    assert.equal(again.length, 1);
    assert.equal(shortcut.match(twice.replace('"ab"', '"cd"')), undefined);
  });
});
