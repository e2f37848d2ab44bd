import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { CallSignal } from './call-signal.ts';

void describe('CallSignal', () => {
  void it('aborts with the caller and is not a timeout', () => {
    const client = new AbortController();
    const call = new CallSignal(client.signal, 60_000);
    client.abort(new Error('gone'));
    assert.equal(call.signal.aborted, true);
    assert.equal(call.expired, undefined);
    assert.equal((call.signal.reason as Error).message, 'gone');
  });

  void it('aborts at once when the caller already aborted', () => {
    const client = new AbortController();
    client.abort();
    assert.equal(new CallSignal(client.signal, 60_000).signal.aborted, true);
  });

  void it('aborts as a timeout when the total timeout passes', async () => {
    const call = new CallSignal(new AbortController().signal, 20);
    // The call's timer is unref'd; this one keeps the test process alive until it fires.
    const keepAlive = setTimeout(() => {}, 10_000);
    await once(call.signal, 'abort');
    clearTimeout(keepAlive);
    assert.equal(call.expired, 'total');
    assert.equal((call.signal.reason as DOMException).name, 'TimeoutError');
  });

  void it('no longer follows the caller once disposed', () => {
    const client = new AbortController();
    const call = new CallSignal(client.signal, 0);
    call.dispose();
    client.abort();
    assert.equal(call.signal.aborted, false);
  });
});
