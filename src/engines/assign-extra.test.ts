import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignExtra } from './assign-extra.ts';

describe('assignExtra', () => {
  void it('adds the pass-through fields Daulat has not set, and never overwrites its own', () => {
    const target = { model: 'served', stream: true };
    const result = assignExtra(target, { model: 'client', tools: [{ type: 'function' }], top_k: 20 });
    assert.equal(result, target);
    assert.deepEqual(result, { model: 'served', stream: true, tools: [{ type: 'function' }], top_k: 20 });
  });

  void it('keeps a field named __proto__ as a field, not as the prototype', () => {
    const extra = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const result = assignExtra({ model: 'm' }, extra);
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.equal((result as Record<string, unknown>).polluted, undefined);
    assert.equal(JSON.stringify(result), '{"model":"m","__proto__":{"polluted":true}}');
  });

  void it('leaves the target as it is without extra fields', () => {
    assert.deepEqual(assignExtra({ a: 1 }, undefined), { a: 1 });
    assert.deepEqual(assignExtra({ a: 1 }, {}), { a: 1 });
  });
});
