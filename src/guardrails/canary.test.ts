import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatRequest } from '../engines/engine.ts';
import { createCanaryMinter, withCanary } from './canary.ts';

describe('createCanaryMinter', () => {
  it('mints the same canary for the same prompt and secret, another for another prompt or secret', () => {
    const mint = createCanaryMinter('a-secret-of-sixteen-chars');
    assert.match(mint('You are the bank assistant.'), /^dlt-canary-[0-9a-f]{16}$/);
    assert.equal(mint('You are the bank assistant.'), mint('You are the bank assistant.'));
    assert.notEqual(mint('You are the bank assistant.'), mint('You are the hospital assistant.'));
    assert.notEqual(
      createCanaryMinter('another-secret-sixteen')('You are the bank assistant.'),
      mint('You are the bank assistant.'),
    );
  });
});

describe('withCanary', () => {
  const base: ChatRequest = { model: 'm', messages: [], stream: false, includeUsage: false, extra: {} };

  it('appends the canary to the first system message only', () => {
    const request = withCanary(
      {
        ...base,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
          { role: 'system', content: 'Later note.' },
        ],
      },
      'dlt-canary-0123456789abcdef',
    );
    assert.deepEqual(
      request.messages.map((message) => message.content),
      ['Be brief.\n\ndlt-canary-0123456789abcdef', 'hi', 'Later note.'],
    );
  });

  it('adds a text part to a system message made of parts, and leaves a request without one alone', () => {
    const parts = withCanary(
      { ...base, messages: [{ role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] }] },
      'dlt-canary-x',
    );
    assert.deepEqual(parts.messages[0]?.content, [
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: '\n\ndlt-canary-x' },
    ]);
    const plain = { ...base, messages: [{ role: 'user' as const, content: 'hi' }] };
    assert.equal(withCanary(plain, 'dlt-canary-x'), plain);
  });
});
