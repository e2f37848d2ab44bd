#!/usr/bin/env node
// Node 20 does not discover .ts test files by itself: find them and hand them to node --test through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function findTests(directory) {
  const found = [];
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

// Arguments filter the test files by path; an argument that is a file is run as it is (the runner's own
// tests hand it fixtures that no run finds by itself).
const args = process.argv.slice(2);
const isFile = (path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;
const named = args.filter(isFile);
const filters = args.filter((arg) => !isFile(arg));
const found =
  filters.length === 0 && named.length > 0
    ? []
    : ['src', 'test']
        .flatMap((root) => findTests(root))
        .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)));
const files = [...new Set([...found, ...named])].sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

// A test file's process gets 5 minutes (the longest file takes ~25 s). test/helpers/hang-watchdog.ts fails a
// file still running after four fifths of that, naming the tests still running and the handles that hold it; the runner's own
// timeout catches a process whose event loop no longer runs — on Node 20, now and then, one that passed
// every test and then stalls in Node's own shutdown, joining its threads.
const FILE_TIMEOUT_MS = Number(process.env.DAULAT_TEST_FILE_TIMEOUT_MS ?? 300_000);
const WATCHDOG_MS = Math.round(FILE_TIMEOUT_MS * 0.8);

/** Runs `list` under node --test: the spec report on stdout, and the failures it saw. */
function runFiles(list) {
  const scratch = mkdtempSync(join(tmpdir(), 'daulat-tests-'));
  const failuresFile = join(scratch, 'failures.jsonl');
  try {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './test/helpers/hang-watchdog.ts',
        '--test',
        `--test-timeout=${FILE_TIMEOUT_MS}`,
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=./scripts/test-failures-reporter.js',
        `--test-reporter-destination=${failuresFile}`,
        ...list,
      ],
      { stdio: 'inherit', env: { ...process.env, DAULAT_TEST_FILE_LIMIT_MS: String(WATCHDOG_MS) } },
    );
    // No file when node --test itself could not start: its status says so.
    const failures = (existsSync(failuresFile) ? readFileSync(failuresFile, 'utf8') : '')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
    return { status: result.status ?? 1, failures };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const first = runFiles(files);
if (first.status === 0) process.exit(0);

// A file that only timed out — none of its tests failed — runs once more, and says so. Any other failure
// stands: no test is retried for failing.
const timedOut = new Set(
  first.failures
    .filter((failure) => failure.failureType === 'testTimeoutFailure' && failure.name === failure.file)
    .map((failure) => failure.file),
);
const otherFailures = first.failures.filter((failure) => !timedOut.has(failure.file));
if (timedOut.size === 0 || otherFailures.length > 0) process.exit(first.status);

const again = files.filter((file) => timedOut.has(resolve(file)));
console.log(
  `\n${again.length} test file(s) did not finish within ${FILE_TIMEOUT_MS / 1000} s without any test failing: ${again.join(', ')}. Running them once more.\n`,
);
const second = runFiles(again);
if (second.status === 0)
  console.log(`\nPassed on the second run: ${again.join(', ')} (the first run's process hung).`);
process.exit(second.status);
