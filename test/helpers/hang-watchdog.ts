/**
 * Loaded into every test file's process by scripts/run-tests.js. Node 20's runner waits for a test file's
 * process to exit, with no limit of its own: a test stuck on a promise, or a handle left open after the last
 * test, would hold the whole run until CI's limit, with nothing printed about where. After
 * DAULAT_TEST_FILE_LIMIT_MS this prints the tests still running and what keeps the process alive, then fails
 * the file. (The runner's own --test-timeout, set a little later, catches a process whose event loop is stuck.)
 */
import { afterEach, beforeEach } from 'node:test';

/** The diagnostic report's view of one libuv handle: only the fields this prints. */
interface ReportHandle {
  type: string;
  is_active: boolean;
  is_referenced?: boolean;
  localEndpoint?: { host?: string; port?: number } | null;
  remoteEndpoint?: { host?: string; port?: number } | null;
  pid?: number;
  filename?: string;
}

// The runner's own process loads this too; only a test file's process (NODE_TEST_CONTEXT set) is watched.
if (process.env.NODE_TEST_CONTEXT !== undefined) {
  const limitMs = Number(process.env.DAULAT_TEST_FILE_LIMIT_MS ?? 240_000);
  const running = new Map<string, number>();
  // Node 20.20 gives a test's context its full name (suites included); its bundled types do not know it yet.
  const nameOf = (context: { name: string }): string =>
    (context as { fullName?: string }).fullName ?? context.name;
  beforeEach((context) => {
    running.set(nameOf(context), performance.now());
  });
  afterEach((context) => {
    running.delete(nameOf(context));
  });
  setTimeout(() => {
    const now = performance.now();
    const tests = [...running].map(([name, started]) => `  ${name} (for ${Math.round(now - started)} ms)`);
    const report = process.report.getReport() as unknown as { libuv: ReportHandle[] };
    const handles = report.libuv
      .filter((handle) => handle.type !== 'loop' && handle.is_active && handle.is_referenced !== false)
      .map((handle) => `  ${describeHandle(handle)}`);
    process.stderr.write(
      [
        `hang watchdog: this test file's process is still running after ${limitMs} ms.`,
        tests.length > 0
          ? 'Tests still running:'
          : 'No test is running: a before/after hook, or a handle left open.',
        ...tests,
        'Handles keeping it alive:',
        ...handles,
        '',
      ].join('\n'),
    );
    process.exit(1);
  }, limitMs).unref();
}

function describeHandle(handle: ReportHandle): string {
  const endpoint = (point: ReportHandle['localEndpoint']): string =>
    point === null || point === undefined ? '-' : `${point.host ?? '?'}:${point.port ?? '?'}`;
  if (handle.type === 'tcp')
    return `tcp ${endpoint(handle.localEndpoint)} → ${endpoint(handle.remoteEndpoint)}`;
  if (handle.type === 'process') return `child process ${handle.pid ?? '?'}`;
  if (handle.filename !== undefined) return `${handle.type} ${handle.filename}`;
  return handle.type;
}
