/**
 * The configuration schema (daulat.yaml), validated with zod. Field names are snake_case as in the file;
 * `Config` is the parsed, defaulted result the rest of the gateway reads.
 */
import { z } from 'zod';
import { deploymentGuardrailsSchema, guardrailsSchema } from './guardrails-schema.ts';

const positiveInt = z.int().positive();
const nonNegativeInt = z.int().nonnegative();
/** A secret that may be left empty (`${KEY:-}`): empty or null means not set. */
const optionalSecret = z.preprocess(
  (value) => (value === '' || value === null ? undefined : value),
  z.string().min(1).optional(),
);

/** Per-deployment timeouts in milliseconds; 0 disables a phase. */
export const timeoutsSchema = z
  .strictObject({
    connect_ms: nonNegativeInt.default(5_000),
    first_byte_ms: nonNegativeInt.default(60_000),
    idle_ms: nonNegativeInt.default(30_000),
    total_ms: nonNegativeInt.default(600_000),
  })
  .prefault({});

/** Active health checks: probe the deployment every `interval_ms` (0 = passive only, from traffic). */
export const healthCheckSchema = z
  .strictObject({
    interval_ms: nonNegativeInt.default(0),
    timeout_ms: positiveInt.default(2_000),
  })
  .prefault({});

/** Where a deployment runs: `on-prem` or a region / vendor-country tag such as `id-jakarta` or `us`. */
export const locationSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lower-case tag such as on-prem, id-jakarta or us');

const deploymentNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'expected letters, digits, . _ : -');

/** A duration in milliseconds, or a string such as `30s`, `5m`, `1h`. */
const durationMsSchema = z.union(
  [
    nonNegativeInt,
    z
      .string()
      .regex(/^\d+(ms|s|m|h)$/, "expected milliseconds or a duration such as '30s', '5m', '1h'")
      .transform((text) => {
        const [, amount, unit] = /^(\d+)(ms|s|m|h)$/.exec(text)!;
        const scale = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
        return Number(amount) * scale;
      }),
  ],
  { error: "expected milliseconds or a duration such as '30s', '5m', '1h'" },
);

/**
 * What a deployment's tokens cost: a price per million tokens, or the hardware's price per hour spread over
 * the tokens it measurably produces (`throughput_tokens_per_s` is the starting guess until measured).
 */
export const deploymentCostSchema = z
  .union([
    z.strictObject({
      per_million: z.strictObject({
        input: z.number().nonnegative(),
        output: z.number().nonnegative(),
        cached_input: z.number().nonnegative().optional(),
        reasoning: z.number().nonnegative().optional(),
      }),
    }),
    z.strictObject({
      hourly_usd: z.number().nonnegative(),
      throughput_tokens_per_s: z.number().positive().optional(),
    }),
  ])
  .optional();

export const openAICompatibleDeploymentSchema = z.strictObject({
  name: deploymentNameSchema,
  engine: z.literal('openai-compatible'),
  base_url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  api_key: optionalSecret,
  models: z.array(z.string().min(1)).min(1, 'list at least one served model'),
  location: locationSchema.default('on-prem'),
  weight: z.number().positive().default(1),
  priority: z.int().default(0),
  max_concurrency: positiveInt.default(256),
  max_queue: nonNegativeInt.default(1_024),
  max_connections: positiveInt.default(256),
  timeouts: timeoutsSchema,
  health_check: healthCheckSchema,
  headers: z.record(z.string(), z.string()).default({}),
  guardrails: deploymentGuardrailsSchema,
  cost: deploymentCostSchema,
});

/**
 * A model run inside the gateway by llama.cpp. `model` is a model-store name (`qwen2.5:0.5b`) or a path
 * to a .gguf file; `models` (the served names) defaults to `[model]`. `max_concurrency` defaults to
 * `parallel`, so requests beyond the context's sequences wait in the router's bounded queue.
 */
export const embeddedDeploymentSchema = z
  .strictObject({
    name: deploymentNameSchema,
    engine: z.literal('embedded'),
    model: z.string().min(1),
    models: z.array(z.string().min(1)).min(1).optional(),
    location: locationSchema.default('on-prem'),
    weight: z.number().positive().default(1),
    priority: z.int().default(0),
    /** Tokens of context per sequence. */
    context_size: positiveInt.default(4_096),
    /** Sequences decoded together in one batch: the requests served at once. */
    parallel: positiveInt.default(4),
    /** Layers offloaded to the GPU: `auto` (as many as fit), `max`, or a number (0 = CPU only). */
    gpu_layers: z.union([z.literal('auto'), z.literal('max'), nonNegativeInt]).default('auto'),
    /** Unload the model after this long without requests (`0` never unloads). */
    keep_alive: durationMsSchema.default(300_000),
    /** Also load an embedding context, so `/v1/embeddings` works for this model. */
    embeddings: z.boolean().default(true),
    max_concurrency: positiveInt.optional(),
    max_queue: nonNegativeInt.default(64),
    timeouts: timeoutsSchema,
    health_check: healthCheckSchema,
    guardrails: deploymentGuardrailsSchema,
    cost: deploymentCostSchema,
  })
  .transform((deployment) => ({
    ...deployment,
    models: deployment.models ?? [deployment.model],
    max_concurrency: deployment.max_concurrency ?? deployment.parallel,
  }));

/** One deployment: a model server Daulat routes to, or a model it runs itself. */
export const deploymentSchema = z.discriminatedUnion('engine', [
  openAICompatibleDeploymentSchema,
  embeddedDeploymentSchema,
]);

/** Where pulled models live, and how the embedded engine uses this machine. */
export const modelStoreSchema = z
  .strictObject({
    dir: z.string().min(1).default('./data/models'),
  })
  .prefault({});

/** Settings shared by every embedded deployment (one llama.cpp runtime per process). */
export const embeddedSchema = z
  .strictObject({
    /** CPU threads for decoding: `auto` = the physical cores (never more: oversubscribing stalls decoding). */
    threads: z.union([z.literal('auto'), positiveInt]).default('auto'),
    /** GPU backend: `auto` picks CUDA, Vulkan or Metal when present; `false` forces the CPU. */
    gpu: z.union([z.enum(['auto', 'cuda', 'vulkan', 'metal']), z.literal(false)]).default('auto'),
    /** Most memory (MiB) that loaded models may take together; idle models are unloaded to make room. */
    memory_budget_mb: positiveInt.optional(),
  })
  .prefault({});

export const strategySchema = z.enum(['priority', 'weighted', 'least-outstanding']);

/** A public model name mapped onto deployments. */
export const modelAliasSchema = z.strictObject({
  name: z.string().min(1),
  /** The served model name to ask each deployment for (default: the deployment's only model). */
  model: z.string().min(1).optional(),
  deployments: z
    .array(
      z.union([
        z.string().min(1),
        z.strictObject({ deployment: z.string().min(1), model: z.string().min(1) }),
      ]),
    )
    .min(1)
    .optional(),
  strategy: strategySchema.optional(),
});

export const routingSchema = z
  .strictObject({
    strategy: strategySchema.default('priority'),
    /** Attempts per deployment beyond the first, before falling back to the next one. */
    retries: nonNegativeInt.default(1),
    backoff_ms: nonNegativeInt.default(100),
    max_backoff_ms: nonNegativeInt.default(2_000),
    /** Longest upstream Retry-After honoured before moving on to another deployment instead. */
    max_retry_after_ms: nonNegativeInt.default(5_000),
    circuit_breaker: z
      .strictObject({
        failure_threshold: positiveInt.default(5),
        cooldown_ms: positiveInt.default(30_000),
      })
      .prefault({}),
  })
  .prefault({});

/**
 * An origin browsers may call from: `*`, an exact origin (`https://app.example.com`, a port allowed), or any
 * subdomain of a host (`https://*.example.com`).
 */
const corsOrigin = z
  .string()
  .regex(
    /^(?:\*|https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?)$/i,
    'expected "*", an origin such as "https://app.example.com" (no path, no trailing slash), or "https://*.example.com"',
  );

/** Cross-origin calls from browsers (off unless origins are listed): see docs/configuration.md#cors. */
const corsSchema = z.strictObject({
  origins: z.array(corsOrigin).min(1),
  /** How long a browser may cache a preflight's answer. */
  max_age_seconds: nonNegativeInt.default(600),
});

export const serverSchema = z
  .strictObject({
    host: z.string().default('127.0.0.1'),
    port: z.int().min(0).max(65_535).default(8080),
    api_key: optionalSecret,
    body_limit_bytes: positiveInt.default(10 * 1024 * 1024),
    /** Worker processes; 1 serves from the main process, 0 means one per CPU core. */
    workers: nonNegativeInt.default(1),
    log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Log one line per request (off by default: it costs throughput). */
    access_log: z.boolean().default(false),
    /**
     * How far V8 lets the old generation grow past what survived the last full collection, in percent;
     * 0 (the default) leaves V8's own heuristic, up to 4×: under load, garbage promoted by busy requests
     * takes the process from ~100 to 200+ MiB. Lower trades CPU for memory (docs/operations.md#memory).
     */
    heap_growth_percent: z.int().min(0).max(300).default(0),
    /**
     * V8's allocation-site pretenuring (off by default): allocating objects that survive a scavenge straight
     * into old space fills it with request garbage under load (docs/operations.md#memory).
     */
    pretenuring: z.boolean().default(false),
    /**
     * V8's parallel scavenge (off by default): young-generation collections split across V8's helper threads.
     * Under load every core is busy, and the helpers wait for one; on one thread, the all-on gateway served
     * ~5% more requests per second (docs/operations.md#memory).
     */
    parallel_scavenge: z.boolean().default(false),
    cors: corsSchema.optional(),
  })
  .prefault({});

/** Where keys, teams, the ledger and the audit log live: a SQLite file or a `postgres://` URL. */
export const storeSchema = z
  .strictObject({
    url: z.string().min(1).default('./data/daulat.db'),
    /** PostgreSQL only: the schema to keep Daulat's tables in (created if missing), instead of `public`. */
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case SQL identifier')
      .optional(),
    /** How often other replicas' key changes (revocations) are picked up. */
    key_refresh_ms: positiveInt.default(1_000),
  })
  .prefault({});

/** The admin key: it manages keys and teams, and once set, every /v1 request needs a key. */
export const adminSchema = z.strictObject({ key: optionalSecret }).prefault({});

/** Rate limits and budgets: in memory, or shared by every replica through Redis. */
export const limitsSchema = z
  .strictObject({
    redis_url: optionalSecret,
    key_prefix: z.string().default('daulat:'),
    /** Output tokens reserved for a request that sets no `max_tokens`. */
    default_output_tokens: positiveInt.default(1_024),
  })
  .prefault({});

/** The usage ledger's batching. */
export const ledgerSchema = z
  .strictObject({
    /** Record every request in the ledger (off only for measuring the gateway without it). */
    enabled: z.boolean().default(true),
    flush_ms: positiveInt.default(250),
    batch_size: positiveInt.default(5_000),
    /**
     * The scheduling class of a SQLite ledger's writer thread on Linux: `idle` runs it on time request handling
     * does not want (replaced at normal priority if it falls behind), `normal` as any other thread.
     */
    writer_priority: z.enum(['idle', 'normal']).default('idle'),
  })
  .prefault({});

/** Cost and savings: which proprietary model the savings are measured against, by default. */
export const accountingSchema = z
  .strictObject({
    reference_model: z.string().min(1).default('gpt-4.1'),
    /** A price catalog file to use instead of the built-in one. */
    prices_file: z.string().min(1).optional(),
  })
  .prefault({});

const auditSecret = z
  .string()
  .min(
    32,
    'expected at least 32 characters (e.g. `openssl rand -hex 32`): a short key can be guessed offline',
  );

/**
 * The audit log: with `key`, every entry's hash is an HMAC-SHA256 under it, so a chain rewritten without the
 * key does not verify. Long, because anyone holding the database can test guesses offline. `retired_keys`
 * (oldest first) rotate it: the log's stretches under earlier keys still verify, in that order.
 */
export const auditSchema = z
  .strictObject({
    key: z.preprocess(
      (value) => (value === '' || value === null ? undefined : value),
      auditSecret.optional(),
    ),
    retired_keys: z.array(auditSecret).default([]),
  })
  .refine((audit) => audit.retired_keys.length === 0 || audit.key !== undefined, {
    message: 'retired_keys verify a rotated log under the current key: set key as well',
    path: ['retired_keys'],
  })
  .prefault({});

/** Prometheus metrics at /metrics. */
export const metricsSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Require the admin key to scrape (off: Prometheus scrapes usually carry no credentials). */
    require_admin_key: z.boolean().default(false),
  })
  .prefault({});

/** OpenTelemetry traces over OTLP/HTTP (off unless an endpoint is set; `OTEL_EXPORTER_OTLP_ENDPOINT` works). */
export const telemetrySchema = z
  .strictObject({
    otlp_endpoint: z
      .url({ protocol: /^https?$/, error: 'expected the http(s) URL of an OTLP collector' })
      .optional(),
    service_name: z.string().min(1).default('daulat'),
    /** Headers for the collector (an API key, say). */
    headers: z.record(z.string(), z.string()).default({}),
  })
  .prefault({});

export const configSchema = z
  .strictObject({
    server: serverSchema,
    routing: routingSchema,
    deployments: z.array(deploymentSchema).default([]),
    models: z.array(modelAliasSchema).default([]),
    model_store: modelStoreSchema,
    embedded: embeddedSchema,
    guardrails: guardrailsSchema,
    store: storeSchema,
    admin: adminSchema,
    limits: limitsSchema,
    ledger: ledgerSchema,
    accounting: accountingSchema,
    metrics: metricsSchema,
    telemetry: telemetrySchema,
    audit: auditSchema,
  })
  .superRefine((config, context) => {
    if (config.guardrails.guard_model === undefined) {
      const uses: (string | number)[][] = [];
      if (config.guardrails.input.guard_model.action !== 'off')
        uses.push(['guardrails', 'input', 'guard_model']);
      if (config.guardrails.output.guard_model.action !== 'off')
        uses.push(['guardrails', 'output', 'guard_model']);
      config.deployments.forEach((deployment, index) => {
        for (const direction of ['input', 'output'] as const) {
          const action = deployment.guardrails?.[direction]?.guard_model?.action;
          if (action !== undefined && action !== 'off')
            uses.push(['deployments', index, 'guardrails', direction, 'guard_model']);
        }
      });
      for (const path of uses) {
        context.addIssue({
          code: 'custom',
          path,
          message: 'the guard model is used but guardrails.guard_model (model, format) is not set',
        });
      }
    }
    const names = new Set<string>();
    config.deployments.forEach((deployment, index) => {
      if (names.has(deployment.name)) {
        context.addIssue({
          code: 'custom',
          path: ['deployments', index, 'name'],
          message: `duplicate deployment name '${deployment.name}'`,
        });
      }
      names.add(deployment.name);
    });
    config.models.forEach((alias, index) => {
      alias.deployments?.forEach((entry, entryIndex) => {
        const name = typeof entry === 'string' ? entry : entry.deployment;
        if (!names.has(name)) {
          context.addIssue({
            code: 'custom',
            path: ['models', index, 'deployments', entryIndex],
            message: `unknown deployment '${name}'`,
          });
        }
      });
    });
  });

/** The parsed configuration. */
export type Config = z.output<typeof configSchema>;
export type DeploymentConfig = Config['deployments'][number];
export type OpenAICompatibleDeploymentConfig = z.output<typeof openAICompatibleDeploymentSchema>;
export type EmbeddedDeploymentConfig = z.output<typeof embeddedDeploymentSchema>;
export type EmbeddedConfig = Config['embedded'];
export type ModelAliasConfig = Config['models'][number];
export type RoutingConfig = Config['routing'];
export type ServerConfig = Config['server'];
export type Strategy = z.output<typeof strategySchema>;
export type Timeouts = z.output<typeof timeoutsSchema>;
export type DeploymentCost = NonNullable<z.output<typeof deploymentCostSchema>>;
export type AccountingConfig = Config['accounting'];
export type LimitsConfig = Config['limits'];
