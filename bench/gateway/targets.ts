/**
 * The things the gateway bench measures, each its own process: the mock upstream itself (`direct`), the
 * minimal proxy, Daulat bare (no keys, guardrails or ledger), the same with one worker process per core
 * (`daulat-workers`: `server.workers: 0`, whether throughput scales with cores), Daulat with a virtual key, limits, guardrails
 * and the ledger all on (`daulat-full`), the same without the guardrails' scan cache (`daulat-full-uncached`:
 * what screening costs for text never seen before, as the bench's one prompt otherwise is after its first
 * request), and the Portkey AI gateway. A target that fails to start is skipped
 * with its reason.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetricsEndpoint } from './gc-seconds.ts';
import { buildDaulat, compileBenchServers } from './compile.ts';
import type { ManagedChild } from './processes.ts';
import { findFreePort, spawnChild, waitForHttp, waitForLine } from './processes.ts';

/** Target names as used by `--only` and in the report. */
export type TargetName =
  'direct' | 'minimal' | 'daulat' | 'daulat-workers' | 'daulat-full' | 'daulat-full-uncached' | 'portkey';

/** All targets, in report order. */
export const TARGET_NAMES: readonly TargetName[] = [
  'direct',
  'minimal',
  'daulat',
  'daulat-workers',
  'daulat-full',
  'daulat-full-uncached',
  'portkey',
];

/** Human-readable target labels for the report. */
export const TARGET_LABELS: Readonly<Record<TargetName, string>> = {
  direct: 'direct (mock)',
  minimal: 'minimal proxy',
  daulat: 'Daulat',
  'daulat-workers': 'Daulat, a worker per core',
  'daulat-full': 'Daulat, all on',
  'daulat-full-uncached': 'Daulat, all on, no scan cache',
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
  /** Where a Daulat target serves its own metrics, read around each measured run (gc-seconds.ts). */
  readonly metrics?: MetricsEndpoint;
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

const ADMIN_KEY = 'bench-admin-key';

/** Which Daulat: bare, bare with a worker per core, all on, or all on without the scan cache. */
type DaulatVariant = Extract<
  TargetName,
  'daulat' | 'daulat-workers' | 'daulat-full' | 'daulat-full-uncached'
>;

/**
 * Bare: the gateway's own overhead (guardrails off — bench:guard measures them — and no ledger). Full: what a
 * team's request pays with everything on — an admin key (so every request is authenticated), a virtual key
 * with rpm, tpm and a budget (never reached), the default guardrails, and the ledger on SQLite. Uncached: full
 * with `guardrails.scan_cache.entries: 0`, so every request's input is screened afresh. Workers: bare, served
 * by one worker process per core (node:cluster).
 */
function daulatConfig(mockOrigin: string, port: number, variant: DaulatVariant, tmpDir: string): string {
  const deployment = `  - { name: mock, engine: openai-compatible, base_url: "${mockOrigin}/v1", models: [bench-model], cost: { per_million: { input: 0.1, output: 0.2 } } }`;
  const workers = variant === 'daulat-workers' ? ', workers: 0' : '';
  const common = [
    `server: { host: 127.0.0.1, port: ${port}, log_level: warn${workers} }`,
    `store: { url: "${join(tmpDir, `${variant}.db`)}" }`,
    'deployments:',
    deployment,
  ];
  const admin = `admin: { key: ${ADMIN_KEY} }`;
  if (variant === 'daulat-full') return [...common, admin, ''].join('\n');
  if (variant === 'daulat-full-uncached')
    return [...common, admin, 'guardrails: { scan_cache: { entries: 0 } }', ''].join('\n');
  return [
    ...common,
    'ledger: { enabled: false }',
    'guardrails:',
    '  input: { injection: off, indirect_injection: off, pii: off, secrets: off }',
    '  output: { pii: off, secrets: off, prompt_leak: off }',
    '',
  ].join('\n');
}

/** Creates the virtual key the full run sends, with limits on the key and its team that the run never reaches. */
async function createBenchKey(origin: string): Promise<string> {
  const call = async (method: string, path: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  // Never reached in a run; tpm stays within the 32-bit integer the stores keep it in.
  const limits = { rpm: 1_000_000_000, tpm: 2_000_000_000, budget: '1000000/month' };
  await call('PUT', '/admin/teams/bench', limits);
  const { key } = (await call('POST', '/admin/keys', { team: 'bench', ...limits })) as { key: string };
  return key;
}

/**
 * What `npm start` runs, from package.json: node's flags and the script with its arguments (e.g.
 * `node --max-semi-space-size=8 bin/daulat.js serve`), so the bench measures the gateway as users start it.
 */
export function npmStartCommand(): { nodeFlags: string[]; script: string[] } {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const words = (manifest.scripts?.start ?? '').trim().split(/\s+/);
  const scriptAt = words.indexOf('bin/daulat.js');
  if (words[0] !== 'node' || scriptAt < 0)
    throw new Error(`package.json's start script is not "node [flags] bin/daulat.js …": ${words.join(' ')}`);
  return { nodeFlags: words.slice(1, scriptAt), script: words.slice(scriptAt) };
}

async function startDaulat(mockOrigin: string, tmpDir: string, name: DaulatVariant): Promise<RunningTarget> {
  buildDaulat();
  const port = await findFreePort();
  const configPath = join(tmpDir, `${name}.yaml`);
  writeFileSync(configPath, daulatConfig(mockOrigin, port, name, tmpDir));
  // What `npm start` runs: bin/daulat.js, which takes the fresh dist/ just built, with npm start's node flags.
  const { nodeFlags, script } = npmStartCommand();
  const args = [...nodeFlags, ...script, '--config', configPath, '--port', String(port)];
  const child = spawnChild(name, process.execPath, args, { cwd: ROOT, env: childEnv });
  const origin = `http://127.0.0.1:${port}`;
  await readyOrStop(child, waitForHttp(child, `${origin}/healthz`, READY_MS));
  const bare = name === 'daulat' || name === 'daulat-workers';
  const headers: Record<string, string> = bare
    ? {}
    : { authorization: `Bearer ${await createBenchKey(origin)}` };
  const version = `${packageVersion('package.json')} (dist/${nodeFlags.map((flag) => `, ${flag}`).join('')})`;
  // With an admin key configured (all on), /metrics needs it.
  const metrics: MetricsEndpoint = {
    url: `${origin}/metrics`,
    headers: bare ? {} : { authorization: `Bearer ${ADMIN_KEY}` },
  };
  return { name, origin, headers, process: child, version, metrics };
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
    case 'daulat-workers':
    case 'daulat-full':
    case 'daulat-full-uncached':
      return startDaulat(mock.origin, tmpDir, name);
    case 'portkey':
      return startPortkey(mock.origin);
  }
}
