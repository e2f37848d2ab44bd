/**
 * Child processes of the bench: spawned, watched and always killed — on normal exit, on SIGINT/SIGTERM and on
 * uncaught errors. Only processes this module spawned are ever signalled, by pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const TAIL_LINES = 200;
const running = new Set<ChildProcess>();

/** A spawned child with the tail of its output kept for error messages and result parsing. */
export interface ManagedChild {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** The last output lines, stdout and stderr interleaved. */
  lines(): readonly string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

function collectLines(child: ChildProcess, tail: string[], onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (data: string) => {
      const parts = (pending + data).split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        onLine(line);
      }
    });
  }
}

/** Spawns `command args` with piped stdio; `onLine` sees every output line. Killed at harness exit. */
export function spawnChild(
  name: string,
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; onLine?: (line: string) => void } = {},
): ManagedChild {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
  const tail: string[] = [];
  const exited = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(error.message));
  });
  running.add(child);
  void exited.then(() => running.delete(child));
  collectLines(child, tail, options.onLine ?? (() => undefined));
  let done = false;
  void exited.then(() => (done = true));
  return {
    name,
    pid: child.pid ?? -1,
    exited,
    hasExited: () => done,
    lines: () => tail,
    stop: async (graceMs = 2_000) => {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The last `count` non-empty output lines of `child`, for an error message. */
export function outputTail(child: ManagedChild, count = 8): string {
  return child
    .lines()
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join('\n');
}

/** Resolves the first output line matching `pattern`; rejects if the child exits or `timeoutMs` passes first. */
export function waitForLine(
  child: ManagedChild,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      for (const line of child.lines()) {
        const match = pattern.exec(line);
        if (match !== null) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(match);
          return true;
        }
      }
      return false;
    };
    const poll = setInterval(check, 20);
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(
        new Error(
          `${child.name} did not print ${String(pattern)} within ${timeoutMs} ms\n${outputTail(child)}`,
        ),
      );
    }, timeoutMs);
    void child.exited.then((code) => {
      if (check()) return;
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${child.name} exited (${code}) before it was ready\n${outputTail(child)}`));
    });
  });
}

/** Polls `url` until it answers 200; rejects if the child exits or `timeoutMs` passes first. */
export async function waitForHttp(child: ManagedChild, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.hasExited()) {
      throw new Error(
        `${child.name} exited (${await child.exited}) before it was ready\n${outputTail(child)}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${child.name}: GET ${url} did not answer 200 within ${timeoutMs} ms\n${outputTail(child)}`,
  );
}

/** A TCP port that was free a moment ago on 127.0.0.1, for servers that cannot listen on port 0. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Sends SIGKILL to every child still running; synchronous, so it is safe in an `exit` handler. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Installs the handlers that kill every child when the harness exits, is interrupted or crashes. */
export function installCleanup(): void {
  process.once('exit', killAllChildren);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the bench's child processes\n`);
      killAllChildren();
      process.exit(code);
    });
  }
  process.once('uncaughtException', (error) => {
    killAllChildren();
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
