import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatRequest } from '../engines/engine.ts';
import { redactingPolicy } from '../../test/helpers/guard-policy.ts';
import { applyInputPolicy, screenSlots } from './input-guard.ts';
import { requestTexts } from './request-texts.ts';
import type { Finding, ScanContext, TextScanner } from './scanner.ts';
import { createPiiScanner } from './scanners/pii.ts';
import { createSecretsScanner } from './scanners/secrets.ts';

const request: ChatRequest = {
  model: 'm',
  stream: false,
  includeUsage: false,
  extra: {},
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    { role: 'user', content: 'Hello.' },
    {
      role: 'user',
      content: [
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
        { type: 'text', text: 'Write to siti@example.co.id please.' },
      ],
    },
    {
      role: 'assistant',
      content: null,
      toolCalls: [{ id: 'c1', type: 'function', name: 'f', arguments: '{"q":"x"}' }],
    },
    { role: 'tool', content: 'done', toolCallId: 'c1' },
  ],
};

describe('input screening', () => {
  it('takes every text of the request, with where it came from', () => {
    assert.deepEqual(requestTexts(request), [
      { message: 0, source: 'system', text: 'Answer briefly.' },
      { message: 1, source: 'user', text: 'Hello.' },
      { message: 2, part: 1, source: 'user', text: 'Write to siti@example.co.id please.' },
      { message: 3, toolCall: 0, source: 'assistant', text: '{"q":"x"}' },
      { message: 4, source: 'tool', text: 'done' },
    ]);
  });

  it('keeps each text’s findings with it, runs the cheaper scanner first, and gives each scanner its source', () => {
    const seen: string[] = [];
    const spy = (id: string, cost: number): TextScanner => ({
      id,
      cost,
      maxMatchLength: 1,
      scan(text: string, context: ScanContext): readonly Finding[] {
        seen.push(`${id}:${context.source}:${text.slice(0, 5)}`);
        return [];
      },
    });
    const screening = screenSlots(requestTexts(request), [
      spy('late', 9),
      createPiiScanner(),
      spy('early', 0),
    ]);
    assert.deepEqual(
      screening.slots.map((entry) => entry.findings.map((finding) => finding.category)),
      [[], [], ['email'], [], []],
    );
    assert.deepEqual([...screening.dataClasses], ['personal']);
    assert.deepEqual(seen.slice(0, 4), [
      'early:system:Answe',
      'late:system:Answe',
      'early:user:Hello',
      'late:user:Hello',
    ]);
    assert.ok(seen.includes('early:assistant:{"q":'));
    assert.ok(seen.includes('late:tool:done'));
  });

  it('redacts only the text with a finding, and passes a clean request on as it came', () => {
    const policy = redactingPolicy();
    const scanners = [createSecretsScanner(), createPiiScanner()];
    const guarded = applyInputPolicy(request, screenSlots(requestTexts(request), scanners), policy);
    assert.equal(guarded.kind, 'pass');
    if (guarded.kind !== 'pass') return;
    const parts = guarded.request.messages[2]!.content as { type: string; text?: string }[];
    assert.equal(parts[1]?.text, 'Write to [EMAIL_1] please.');
    assert.equal(guarded.request.messages[1], request.messages[1]);
    assert.deepEqual(
      guarded.events.map((event) => event.category),
      ['email'],
    );
    const clean: ChatRequest = { ...request, messages: [{ role: 'user', content: 'Hello.' }] };
    const passed = applyInputPolicy(clean, screenSlots(requestTexts(clean), scanners), policy);
    assert.equal(passed.kind === 'pass' ? passed.request : undefined, clean);
  });
});
