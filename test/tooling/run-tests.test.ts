/**
 * scripts/run-tests.js, the README's test command, on fixture test files with a 4-second limit a file: a stuck
 * test is named with the handle holding it, a file that stalls after passing runs once more, and a failing test
 * is never retried.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const FIXTURES = 'test/tooling/fixtures';

/** Runs the runner on `files` and collects what it printed and how it ended. */
function runTests(files: string[]): Promise<{ code: number | null; output: string }> {
  const marker = join(mkdtempSync(join(tmpdir(), 'daulat-runner-')), 'stalled');
  // Without this test's own NODE_TEST_CONTEXT, which would make the runner's node --test refuse to run files.
  const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
  const child = spawn(process.execPath, ['scripts/run-tests.js', ...files], {
    env: { ...env, DAULAT_TEST_FILE_TIMEOUT_MS: '4000', DAULAT_FIXTURE_MARKER: marker },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('the test runner', () => {
  it('fails a file whose test never settles, naming the test and the handle that holds it', async () => {
    const { code, output } = await runTests([`${FIXTURES}/stuck-test.fixture.ts`]);
    assert.equal(code, 1);
    assert.match(output, /hang watchdog: this test file's process is still running after 3200 ms/);
    assert.match(output, /Tests still running:\n {2}a suite > waits forever \(for \d+ ms\)/);
    assert.match(output, /Handles keeping it alive:\n(?: {2}.*\n)*? {2}tcp \S+:\d+ → -/);
    assert.match(output, /✔ passes first/);
    assert.doesNotMatch(output, /Running them once more/);
  });

  it('runs a file again that passed but never exited, and passes if it then does', async () => {
    const { code, output } = await runTests([`${FIXTURES}/exit-stall-once.fixture.ts`]);
    assert.equal(code, 0, output);
    assert.match(output, /test timed out after 4000ms/);
    assert.match(
      output,
      /1 test file\(s\) did not finish within 4 s without any test failing: .*exit-stall-once/,
    );
    assert.match(output, /Passed on the second run: .*exit-stall-once/);
  });

  it('never runs a failing test again, even beside a file that stalled', async () => {
    const { code, output } = await runTests([
      `${FIXTURES}/fails.fixture.ts`,
      `${FIXTURES}/exit-stall-once.fixture.ts`,
    ]);
    assert.equal(code, 1);
    assert.match(output, /✖ fails/);
    assert.doesNotMatch(output, /Running them once more/);
  });
});
