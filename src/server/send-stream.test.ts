import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoalescingWriter, type CoalescedResponse } from './send-stream.ts';

/** Records what the writer does to its response, in order. */
function recordingResponse(): { response: CoalescedResponse; calls: string[] } {
  const calls: string[] = [];
  const response = {
    destroyed: false,
    writableEnded: false,
    write(text: string) {
      calls.push(`write ${text}`);
      return true;
    },
    uncork() {
      calls.push('uncork');
    },
  };
  return { response, calls };
}

const nextTick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

describe('CoalescingWriter', () => {
  it('writes the first token at once with the role chunk, and lifts the cork when its request is the only one in flight', async () => {
    const { response, calls } = recordingResponse();
    const writer = new CoalescingWriter(response, { requests: 1 });
    writer.write('role;', false);
    writer.write('token1;', true);
    writer.write('token2;', true);
    writer.write('token3;', true);
    assert.deepEqual(calls, ['write role;token1;', 'uncork']);
    await nextTick();
    assert.deepEqual(calls, ['write role;token1;', 'uncork', 'write token2;token3;']);
  });

  it('keeps the cork while other requests are in flight, so a burst leaves in one write', async () => {
    const { response, calls } = recordingResponse();
    const writer = new CoalescingWriter(response, { requests: 2 });
    writer.write('role;', false);
    writer.write('token1;', true);
    writer.write('token2;', true);
    assert.deepEqual(calls, ['write role;token1;']);
    await nextTick();
    assert.deepEqual(calls, ['write role;token1;', 'write token2;']);
  });

  it('hands what is still pending to the caller, who writes it with the end', () => {
    const { response, calls } = recordingResponse();
    const writer = new CoalescingWriter(response, { requests: 1 });
    writer.write('token1;', true);
    writer.write('usage;', false);
    assert.equal(writer.take(), 'usage;');
    assert.equal(writer.take(), '');
    assert.deepEqual(calls, ['write token1;', 'uncork']);
  });
});
