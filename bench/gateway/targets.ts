/**
 * The four things the gateway bench measures, each its own process: the mock upstream itself (`direct`), the
 * minimal proxy, Daulat and the Portkey AI gateway. A target that fails to start is skipped with its reason.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDaulat, compileBenchServers } from './compile.ts';
import type { ManagedChild } from './processes.ts';
import { findFreePort, spawnChild, waitForHttp, waitForLine } from './processes.ts';

/** Target names as used by `--only` and in the report. */
export type TargetName = 'direct' | 'minimal' | 'daulat' | 'portkey';

/** All targets, in report order. */
export const TARGET_NAMES: readonly TargetName[] = ['direct', 'minimal', 'daulat', 'portkey'];

/** Human-readable target labels for the report. */
export const TARGET_LABELS: Readonly<Record<TargetName, string>> = {
  direct: 'direct (mock)',
  minimal: 'minimal proxy',
  daulat: 'Daulat',
  portkey: 'Portkey',
};

/** A started target: where to send requests, which process to measure. */
export interface RunningTarget {
  readonly name: TargetName;
  readonly origin: string;
  /** Headers the target needs on every request, e.g. Portkey's routing headers. */
  readonly headers: Readonly<Record<string, string>>;
  readonly process: ManagedChild;
  readonly version: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY_MS = 30_000;
const childEnv = { ...process.env, NODE_ENV: 'production' };

function packageVersion(path: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

function undiciVersion(): string {
  return packageVersion('node_modules/undici/package.json');
}

/** Awaits `ready`; stops `child` if it never gets there. */
async function readyOrStop<T>(child: ManagedChild, ready: Promise<T>): Promise<T> {
  try {
    return await ready;
  } catch (error) {
    await child.stop();
    throw error;
  }
}

async function startBenchServer(
  name: TargetName,
  script: string,
  args: string[],
  version: string,
): Promise<RunningTarget> {
  const compiled = join(compileBenchServers(), script.replace(/\.ts$/, '.js'));
  const child = spawnChild(name, process.execPath, [compiled, ...args], { env: childEnv });
  const match = await readyOrStop(child, waitForLine(child, /^READY (\d+)$/, READY_MS));
  return { name, origin: `http://127.0.0.1:${match[1]}`, headers: {}, process: child, version };
}

/** Starts the mock upstream; the `direct` target is this process itself. */
export function startMock(): Promise<RunningTarget> {
  return startBenchServer('direct', 'mock-upstream.ts', [], '(node:http)');
}

function daulatConfig(mockOrigin: string, port: number): string {
  return [
    `server: { host: 127.0.0.1, port: ${port}, log_level: warn }`,
    'deployments:',
    `  - { name: mock, engine: openai-compatible, base_url: "${mockOrigin}/v1", models: [bench-model] }`,
    // The gateway's own overhead; the guardrails' cost is measured by bench:guard.
    'guardrails:',
    '  input: { injection: off, indirect_injection: off, pii: off, secrets: off }',
    '  output: { pii: off, secrets: off, prompt_leak: off }',
    '',
  ].join('\n');
}

async function startDaulat(mockOrigin: string, tmpDir: string): Promise<RunningTarget> {
  buildDaulat();
  const port = await findFreePort();
  const configPath = join(tmpDir, 'daulat.yaml');
  writeFileSync(configPath, daulatConfig(mockOrigin, port));
  // What `npm start` runs: bin/daulat.js, which takes the fresh dist/ just built.
  const cli = join(ROOT, 'bin/daulat.js');
  const args = [cli, 'serve', '--config', configPath, '--port', String(port)];
  const child = spawnChild('daulat', process.execPath, args, { cwd: ROOT, env: childEnv });
  const origin = `http://127.0.0.1:${port}`;
  await readyOrStop(child, waitForHttp(child, `${origin}/healthz`, READY_MS));
  const version = `${packageVersion('package.json')} (dist/)`;
  return { name: 'daulat', origin, headers: {}, process: child, version };
}

async function startPortkey(mockOrigin: string): Promise<RunningTarget> {
  const server = join(ROOT, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  const port = await findFreePort();
  const child = spawnChild('portkey', process.execPath, [server, `--port=${port}`, '--headless'], {
    env: childEnv,
  });
  const origin = `http://127.0.0.1:${port}`;
  await readyOrStop(child, waitForHttp(child, `${origin}/`, READY_MS));
  const headers = { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mockOrigin}/v1` };
  const version = packageVersion('node_modules/@portkey-ai/gateway/package.json');
  return { name: 'portkey', origin, headers, process: child, version };
}

/** Starts target `name` in front of the mock at `mockOrigin`; `tmpDir` holds generated config. */
export async function startTarget(
  name: TargetName,
  mock: RunningTarget,
  tmpDir: string,
): Promise<RunningTarget> {
  switch (name) {
    case 'direct':
      return mock;
    case 'minimal':
      return startBenchServer(
        'minimal',
        'minimal-proxy.ts',
        [mock.origin],
        `(node:http + undici ${undiciVersion()} Pool)`,
      );
    case 'daulat':
      return startDaulat(mock.origin, tmpDir);
    case 'portkey':
      return startPortkey(mock.origin);
  }
}
