import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { ClientSignal, toAbortSignal, type CancelSignal } from './client-signal.ts';

void describe('ClientSignal', () => {
  void it('calls each listener once, functions and listener objects, with an abort event', () => {
    const signal = new ClientSignal();
    const seen: string[] = [];
    const fn = (event: Event): void => void seen.push(`fn:${event.type}`);
    const object = { handleEvent: (event: Event): void => void seen.push(`object:${event.type}`) };
    signal.addEventListener('abort', fn);
    signal.addEventListener('abort', fn); // a duplicate is ignored, as EventTarget does
    signal.addEventListener('abort', object, { once: true });
    assert.equal(signal.aborted, false);
    signal.abort(new Error('gone'));
    signal.abort(new Error('again'));
    assert.deepEqual(seen, ['fn:abort', 'object:abort']);
    assert.equal(signal.aborted, true);
    assert.equal((signal.reason as Error).message, 'gone');
  });

  void it('does not call a removed listener, nor one added after the abort', () => {
    const signal = new ClientSignal();
    let calls = 0;
    const listener = (): void => void calls++;
    signal.addEventListener('abort', listener);
    signal.removeEventListener('abort', listener);
    signal.abort();
    signal.addEventListener('abort', listener);
    assert.equal(calls, 0);
  });

  void it('aborts with an AbortError when no reason is given', () => {
    const signal = new ClientSignal();
    signal.abort();
    assert.ok(signal.reason instanceof DOMException);
    assert.equal(signal.reason.name, 'AbortError');
  });

  void it('keeps calling listeners when one throws, and reports the error as uncaught', async () => {
    const signal = new ClientSignal();
    let second = false;
    signal.addEventListener('abort', () => {
      throw new Error('listener failed');
    });
    signal.addEventListener('abort', () => void (second = true));
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    const uncaught = once(process, 'uncaughtException');
    try {
      signal.abort();
      assert.equal(second, true);
      const [error] = (await uncaught) as [Error];
      assert.equal(error.message, 'listener failed');
    } finally {
      for (const listener of listeners) process.on('uncaughtException', listener);
    }
  });
});

void describe('toAbortSignal', () => {
  void it('returns an AbortSignal as it is', () => {
    const controller = new AbortController();
    assert.equal(toAbortSignal(controller.signal), controller.signal);
  });

  void it("follows a ClientSignal, made once, aborted with the client's reason", () => {
    const signal = new ClientSignal();
    const real = toAbortSignal(signal);
    assert.equal(toAbortSignal(signal), real);
    assert.equal(real.aborted, false);
    signal.abort(new Error('gone'));
    assert.equal(real.aborted, true);
    assert.equal((real.reason as Error).message, 'gone');
    assert.throws(() => real.throwIfAborted(), /gone/);
  });

  void it('is already aborted for a ClientSignal that aborted before', () => {
    const signal = new ClientSignal();
    signal.abort(new Error('early'));
    assert.equal((toAbortSignal(signal).reason as Error).message, 'early');
  });

  void it('follows any other CancelSignal', () => {
    let listener: (() => void) | undefined;
    const other: CancelSignal & { aborted: boolean } = {
      aborted: false,
      reason: 'why',
      addEventListener: (_type, added) => void (listener = added as () => void),
      removeEventListener: () => undefined,
    };
    const real = toAbortSignal(other);
    other.aborted = true;
    listener?.();
    assert.equal(real.aborted, true);
    assert.equal(real.reason, 'why');
  });
});
