/**
 * buildServer(config): the Fastify app with every route, ready to `listen` — it never listens itself,
 * so tests build it on port 0 and the CLI's serve command owns the socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Engine } from '../engines/engine.ts';
import { createEngine, createEngineEnvironment } from '../engines/registry.ts';
import { GatewayError } from '../errors.ts';
import { createGateway, type Gateway } from '../gateway/gateway.ts';
import { ConfigError } from '../config/load.ts';
import type { GuardStage } from '../gateway/guard-stage.ts';
import { anyGuardrailOn } from '../guardrails/any-guardrail.ts';
import type { RequestRecorder } from '../gateway/request-record.ts';
import { createRouter } from '../router/router.ts';
import { createAdminAuth, createAuthenticator, requireAdmin } from './auth.ts';
import { handleError, sendError } from './error-handler.ts';
import { createLedgerRecorder } from '../gateway/ledger-recorder.ts';
import type { Metrics, StoreWriterGauges } from '../metrics/metrics.ts';
import type { Router } from '../router/router.ts';
import type { Tracing } from '../telemetry/tracing.ts';
import { registerAdminAudit } from './routes/admin/audit.ts';
import { registerAdminKeys } from './routes/admin/keys.ts';
import { registerAdminTeams } from './routes/admin/teams.ts';
import { registerAdminUsage } from './routes/admin/usage.ts';
import { registerMetrics } from './routes/metrics.ts';
import { createTenancyServices, type TenancyServices } from './tenancy-services.ts';
import { chatCompletionsRoute } from './routes/chat-completions.ts';
import { completionsRoute, embeddingsRoute } from './routes/completions.ts';
import { registerHealth } from './routes/health.ts';
import { modelsRoutes } from './routes/models.ts';
import { createCors, type CorsHandler } from './cors.ts';
import { parseJson, requestIdOf } from './exchange.ts';
import { createV1Front, SHUTTING_DOWN, type V1Front } from './v1-front.ts';

/** What buildServer needs besides the config. */
export interface BuildServerOptions {
  readonly logger: Logger;
  /** Also receives every finished request, after the ledger and metrics (tests watch requests here). */
  readonly recorder?: RequestRecorder;
}

/** A built gateway: the Fastify app, the pipeline, and a close that drains requests and closes engines. */
export interface DaulatServer {
  readonly app: FastifyInstance;
  readonly gateway: Gateway;
  /** Keys, limits, the ledger and the audit log. */
  readonly services: TenancyServices;
  close(): Promise<void>;
}

/**
 * Daulat validates requests with zod and serialises answers itself, so no route has a Fastify schema. Named
 * compilers keep Fastify from loading Ajv and fast-json-stringify at start (~100 modules it would never use);
 * a route given a schema fails at registration rather than going unvalidated.
 */
const NO_SCHEMA_COMPILERS = {
  buildValidator: (): never => {
    throw new Error('Fastify schemas are not used: validate with zod (src/server/decoders)');
  },
  buildSerializer: (): never => {
    throw new Error('Fastify schemas are not used: encode with src/server/encoders');
  },
};

/** Builds the gateway app from a validated config. */
export async function buildServer(config: Config, options: BuildServerOptions): Promise<DaulatServer> {
  const environment = createEngineEnvironment(config);
  const engines = new Map<string, Engine>(
    await Promise.all(
      config.deployments.map(
        async (deployment) => [deployment.name, await createEngine(deployment, environment)] as const,
      ),
    ),
  );
  const router = createRouter(config, engines);
  // The metrics read the store's writers at scrape time: after `services` below exists, as nothing scrapes a
  // gateway that is not listening yet.
  const metrics = await loadMetrics(config, router, () => services.storeWriters());
  const tracing = await loadTracing(config);
  const services = await createTenancyServices(config, options.logger);
  const log = createLogRecorder(options.logger, config.server.access_log);
  const extra = options.recorder;
  const ledger = createLedgerRecorder({
    costs: services.costs,
    ledger: config.ledger.enabled ? services.ledger : undefined,
    audit: services.audit,
    referenceModel: (team) => services.referenceModel(team),
    observe: (record, costUsd) => {
      metrics?.record(record, costUsd);
      tracing?.record(record, costUsd);
      log(record);
      extra?.(record);
    },
  });
  const guardModel = config.guardrails.guard_model;
  if (guardModel !== undefined && router.resolve(guardModel.model) === undefined) {
    await services.close();
    throw new ConfigError(
      `guardrails.guard_model.model: no deployment serves '${guardModel.model}' (add it to a deployment's models)`,
    );
  }
  const guard =
    anyGuardrailOn(config) || !services.storeless ? await loadGuardStage(config, router) : undefined;
  const gateway = createGateway(router, {
    record: ledger,
    ...(guard === undefined ? {} : { guard }),
    limits: services.limits,
    onRecordError: (error) => options.logger.error({ err: error }, 'recording a finished request failed'),
  });
  const authenticator = createAuthenticator({
    ...(config.admin.key === undefined ? {} : { adminKey: config.admin.key }),
    ...(config.server.api_key === undefined ? {} : { gatewayKey: config.server.api_key }),
    keyring: services.keyring,
  });

  const created = Math.floor(Date.now() / 1000);
  const front = createV1Front({
    routes: {
      'POST /v1/chat/completions': chatCompletionsRoute(gateway),
      'POST /v1/completions': completionsRoute(gateway),
      'POST /v1/embeddings': embeddingsRoute(gateway),
      ...modelsRoutes(router, created),
    },
    authenticator,
    bodyLimit: config.server.body_limit_bytes,
    logger: options.logger,
  });

  // Typed as Fastify's base logger so the app gets Fastify's default generics.
  const logger: FastifyBaseLogger = options.logger;
  const app = Fastify({
    serverFactory: (handler) => createHttpServer(front, createCors(config.server.cors), handler),
    loggerInstance: logger,
    // Per-request lines come from the request recorder (server.access_log), not Fastify.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.server.body_limit_bytes,
    // Refused by the onRequest hook below instead, as OpenAI error JSON like every other error.
    return503OnClosing: false,
    requestIdHeader: false,
    schemaController: { compilersFactory: NO_SCHEMA_COMPILERS },
    genReqId: requestIdOf,
  });
  // A callback hook, not an async one: Fastify then allocates no promise for it on every request.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    // Fastify has already set `connection: close` on a request that arrives while it closes.
    if (front.closing) done(new GatewayError('shutting_down', SHUTTING_DOWN));
    else done();
  });
  registerJsonParser(app);
  app.setErrorHandler(handleError);
  // Runs once Fastify is closing and before the server stops listening: the front refuses from then on too.
  app.addHook('preClose', (done) => {
    front.close();
    done();
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new GatewayError(
        'route_not_found',
        `no route for ${request.method} ${request.url.split('?')[0] ?? ''}`,
      ),
    ),
  );

  registerHealth(app, router);
  if (metrics !== undefined) {
    registerMetrics(
      app,
      metrics,
      config.metrics.require_admin_key
        ? async (request) => {
            await createAdminAuth(authenticator, config.admin.key !== undefined)(request);
            requireAdmin(request);
          }
        : undefined,
    );
  }
  await app.register(
    async (admin) => {
      admin.addHook('onRequest', createAdminAuth(authenticator, config.admin.key !== undefined));
      registerAdminKeys(admin, services.store, services.tenancy);
      registerAdminTeams(admin, services.store, services.tenancy);
      registerAdminUsage(admin, services.store);
      registerAdminAudit(admin, services.store);
      admin.get('/deployments', async (request) => {
        requireAdmin(request);
        return { object: 'list', data: router.status() };
      });
    },
    { prefix: '/admin' },
  );
  await app.ready();
  router.start();

  return {
    app,
    gateway,
    services,
    async close() {
      await app.close();
      await router.close();
      await services.close();
      await tracing?.close();
    },
  };
}

/**
 * The guardrails' stage. Imported only when some guardrail can act — one is on in the config, or keys exist
 * whose own policies may turn one on: a gateway with every guardrail off and no store never loads the
 * scanners, the injection model or the phone-number metadata (~4 MiB of heap, more of RSS).
 */
async function loadGuardStage(config: Config, router: Router): Promise<GuardStage> {
  const [{ createGuardStage }, { createGuardModelCall }] = await Promise.all([
    import('../gateway/guard-stage.ts'),
    import('../gateway/guard-model-call.ts'),
  ]);
  const guardModel = config.guardrails.guard_model;
  return createGuardStage(
    config,
    guardModel === undefined ? {} : { guardModelCall: createGuardModelCall(router, guardModel.model) },
  );
}

// prom-client and the OpenTelemetry SDK are imported only when the config turns them on (see "Start-up and
// memory" in docs/architecture.md); either import failing fails the start, never a request.
async function loadMetrics(
  config: Config,
  router: Router,
  storeWriters: () => readonly StoreWriterGauges[],
): Promise<Metrics | undefined> {
  if (!config.metrics.enabled) return undefined;
  const { createMetrics, routerMetricsSources } = await import('../metrics/metrics.ts');
  return createMetrics({ ...routerMetricsSources(router), storeWriters });
}

async function loadTracing(config: Config): Promise<Tracing | undefined> {
  const endpoint = config.telemetry.otlp_endpoint;
  if (endpoint === undefined) return undefined;
  const { createTracing } = await import('../telemetry/tracing.ts');
  return createTracing({
    endpoint,
    serviceName: config.telemetry.service_name,
    headers: config.telemetry.headers,
  });
}

/**
 * The HTTP server: CORS preflights are answered first (when `server.cors` allows any origin), the /v1 front
 * answers the API's routes before Fastify sees them, and Fastify serves everything else. Set as Fastify would
 * set its own server, but for the keep-alive timeout.
 */
function createHttpServer(
  front: V1Front,
  cors: CorsHandler | undefined,
  fastify: (request: IncomingMessage, response: ServerResponse) => void,
) {
  const server = createServer((request, response) => {
    if (cors !== undefined && cors(request, response)) return;
    if (!front.handle(request, response)) fastify(request, response);
  });
  // Outlive the idle timeouts of common load balancers (60 s) so they never reuse a closed socket.
  server.keepAliveTimeout = 65_000;
  // As Fastify sets its own server (requestTimeout 0): node's 5-minute timer would cut a slow upload; streams
  // are bounded by the deployments' timeouts.
  server.requestTimeout = 0;
  return server;
}

/** Admin bodies are parsed as the /v1 front parses its own (JSON whatever the content type, no `__proto__`). */
function registerJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

function createLogRecorder(logger: Logger, accessLog: boolean): RequestRecorder {
  return (record) => {
    if (accessLog) logger.info({ request: record }, 'request');
    else if (record.outcome === 'error') logger.warn({ request: record }, 'request failed');
  };
}
