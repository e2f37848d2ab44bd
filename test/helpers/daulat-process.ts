/** Runs `daulat` (or `npm start`) as a user does: a child process in its own group, from the repository root. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/** A running child process. */
export interface Run {
  readonly child: ChildProcess;
  /** Everything printed to stdout so far. */
  output(): Promise<string>;
  /** Sends `signal` to the whole process group. */
  stop(signal?: NodeJS.Signals): void;
  readonly exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Resolves with the address once the gateway logs that it listens. */
  readonly listening: Promise<string>;
}

/**
 * Spawns `command args` with DAULAT_API_KEY and DAULAT_ADMIN_KEY cleared, an empty model store, a fresh
 * SQLite database, and Hugging Face pointed at a closed local port — nothing downloads during tests; `env`
 * adds or overrides variables.
 */
export function run(command: string, args: string[], env: Record<string, string> = {}): Run {
  // Its own process group, so stopping `npm start` also stops the gateway npm started.
  const child = spawn(command, args, {
    cwd: root,
    env: {
      ...process.env,
      DAULAT_API_KEY: '',
      DAULAT_MODELS_DIR: mkdtempSync(join(tmpdir(), 'daulat-store-')),
      DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'daulat-db-')), 'daulat.db'),
      DAULAT_ADMIN_KEY: '',
      REDIS_URL: '',
      HF_ENDPOINT: 'http://127.0.0.1:9',
      // Tests run the TypeScript sources, never a build that may be older than them.
      DAULAT_FROM_SOURCE: '1',
      ...env,
    },
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  let announce: (address: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (announce = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const match = /daulat listening on (http:\/\/[^"\s]+)/.exec(stdout);
    if (match?.[1]) announce(match[1]);
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  return { child, stop, exit, listening, output: () => Promise.resolve(stdout) };
}
