/**
 * `daulat serve`: loads the config, refuses an unprotected public bind, builds the server and listens —
 * in this process, or in one worker per core (`server.workers`) sharing the port through node:cluster.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { pino, type Logger } from 'pino';
import { ConfigError, loadConfig } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import {
  applyHeapGrowth,
  applyParallelScavenge,
  applyPretenuring,
  applyWasmBaselineOnly,
} from '../v8-memory.ts';
import { parseInteger } from '../parse.ts';

interface ServeOptions {
  readonly config?: string;
  readonly host?: string;
  readonly port?: number;
  readonly workers?: number;
  readonly insecure?: boolean;
  /** Commander's negation of `--no-pull`. */
  readonly pull: boolean;
}

/** Registers `daulat serve` on the program. */
export function registerServe(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('run the gateway')
    .option('-c, --config <file>', 'configuration file (default: ./daulat.yaml if present)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('-p, --port <port>', 'port to listen on (default 8080)', parseInteger)
    .option('--workers <n>', 'worker processes; 0 = one per CPU core', parseInteger)
    .option('--insecure', 'allow listening on a non-loopback address without an API key')
    .option('--no-pull', 'do not download missing embedded models at start')
    .action(async (options: ServeOptions) => {
      process.exitCode = await serve(options);
    });
}

async function serve(options: ServeOptions): Promise<number> {
  let config: Config;
  let source: string;
  try {
    ({ config, source } = await loadConfig({
      ...(options.config === undefined ? {} : { path: options.config }),
      overrides: { host: options.host, port: options.port, workers: options.workers },
    }));
    checkExposure(config, options.insecure === true);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`daulat: ${error.message}\n`);
    return 2;
  }
  const logger = pino({ level: config.server.log_level, base: { pid: process.pid } });
  const workers = config.server.workers === 0 ? availableParallelism() : config.server.workers;
  if (cluster.isPrimary) await prepareEmbeddedModels(config, options.pull, logger);
  if (workers > 1 && cluster.isPrimary) return superviseWorkers(workers, config, logger);
  try {
    return await listen(config, source, logger);
  } catch (error) {
    // Problems found while building (a reference model missing from the price catalog, a bad catalog file, a
    // store that cannot be opened).
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`daulat: ${error.message}\n`);
    // A worker process is kept alive by its channel to the primary: it must exit, or it would wait forever.
    if (cluster.isWorker) process.exit(START_FAILED);
    return START_FAILED;
  }
}

/** The exit code of a start that failed on the configuration or what it points to (not worth retrying). */
const START_FAILED = 2;

/**
 * Makes sure every embedded deployment's model is on disk before listening, pulling missing ones with
 * progress unless `--no-pull`. A model that cannot be had (offline, gated, broken) is reported and its
 * deployment answers 503 until it is pulled; everything else is served as usual.
 */
async function prepareEmbeddedModels(config: Config, pull: boolean, logger: Logger): Promise<void> {
  const models = new Set(
    config.deployments.flatMap((deployment) => (deployment.engine === 'embedded' ? [deployment.model] : [])),
  );
  if (models.size === 0) return;
  // Loaded only here: the model store's GGUF checks import node-llama-cpp.
  const { ensureModel } = await import('../../models/ensure-model.ts');
  for (const model of models) {
    const result = await ensureModel(config.model_store.dir, model, {
      pull,
      log: (line) => logger.info(line),
    });
    if (result.ok) continue;
    const why =
      result.reason === 'offline' ? 'Hugging Face cannot be reached (offline?)' : result.error.message;
    logger.warn(
      { model, reason: result.reason },
      `embedded model '${model}' is unavailable: ${why}. Its deployments answer 503 until \`daulat pull ${model}\` succeeds; everything else is served.`,
    );
  }
}

/** Binding beyond loopback without a key would open the models to the network: refuse unless told. */
function checkExposure(config: Config, insecure: boolean): void {
  const keyed = config.server.api_key !== undefined || config.admin.key !== undefined;
  if (insecure || keyed || isLoopback(config.server.host)) return;
  throw new ConfigError(
    `refusing to listen on ${config.server.host} without an API key: set DAULAT_ADMIN_KEY (virtual keys) or DAULAT_API_KEY, or pass --insecure`,
  );
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

async function listen(config: Config, source: string, logger: Logger): Promise<number> {
  applyHeapGrowth(config.server.heap_growth_percent);
  applyPretenuring(config.server.pretenuring);
  applyParallelScavenge(config.server.parallel_scavenge);
  applyWasmBaselineOnly();
  // Imported here, not at the top: `daulat keys`, `models` and the other commands never load the server.
  const { buildServer } = await import('../../server/app.ts');
  const server = await buildServer(config, { logger });
  const address = await server.app.listen({ host: config.server.host, port: config.server.port });
  logger.info(
    { config: source, deployments: config.deployments.length, models: server.gateway.router.models().length },
    `daulat listening on ${address}`,
  );
  const stop = once(async (signal: string) => {
    logger.info(`${signal}: draining requests and shutting down`);
    await server.close();
    process.exit(0);
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return 0;
}

/**
 * The primary of a multi-process gateway: forks workers, replaces any that die, stops them on a signal, and
 * aggregates the workers' metrics for whichever worker a scrape reaches (it serves no HTTP itself).
 */
async function superviseWorkers(count: number, config: Config, logger: Logger): Promise<number> {
  if (config.metrics.enabled) {
    // Loaded only here: a primary without metrics never needs prom-client.
    const { serveClusterMetrics } = await import('../../metrics/cluster-metrics.ts');
    serveClusterMetrics();
  }
  let stopping = false;
  let failed = false;
  let alive = 0;
  const fork = (): void => {
    alive += 1;
    cluster.fork();
  };
  for (let index = 0; index < count; index += 1) fork();
  cluster.on('exit', (worker, code, signal) => {
    alive -= 1;
    if (failed && alive === 0) process.exit(START_FAILED);
    if (stopping) return;
    if (code === START_FAILED) {
      // It said why on stderr; another worker would fail the same way, so the gateway stops instead.
      logger.error({ worker: worker.process.pid }, 'a worker could not start; stopping the others');
      stopping = true;
      failed = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      if (alive === 0) process.exit(START_FAILED);
      return;
    }
    logger.error({ worker: worker.process.pid, code, signal }, 'worker exited; starting a new one');
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    logger.info(`${signal}: stopping ${count} workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  logger.info(`daulat supervising ${count} workers`);
  return 0;
}

function once<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let started = false;
  return async (...args) => {
    if (started) return;
    started = true;
    await action(...args);
  };
}
