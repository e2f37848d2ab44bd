/**
 * Loads daulat.yaml: reads the file, interpolates `${ENV_VAR}` references, applies environment and
 * command-line overrides, and validates. Every failure is a ConfigError naming the file and field path.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.ts';

/** Invalid configuration: its message names the file, the field path and why. Printed without a stack. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Where the configuration comes from and what overrides it. */
export interface LoadConfigOptions {
  /** An explicit `--config` path: it must exist. Without it, ./daulat.yaml is used if present. */
  readonly path?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Command-line overrides, applied last. */
  readonly overrides?: { readonly host?: string; readonly port?: number; readonly workers?: number };
}

const DEFAULT_PATH = 'daulat.yaml';

/**
 * Without a config file, Daulat serves its embedded default: Qwen2.5-0.5B-Instruct, run in-process and
 * pulled on first start — the smallest model that still answers usefully, and fits any machine.
 */
export const DEFAULT_CONFIG = {
  deployments: [
    { name: 'embedded', engine: 'embedded', model: 'qwen2.5:0.5b', models: ['qwen2.5-0.5b-instruct'] },
  ],
};

/** Reads, interpolates and validates the configuration; throws ConfigError on any problem. */
export async function loadConfig(
  options: LoadConfigOptions = {},
): Promise<{ config: Config; source: string }> {
  const env = options.env ?? process.env;
  const source = options.path ?? DEFAULT_PATH;
  const text = await readConfigText(source, options.path !== undefined);
  const raw = text === undefined ? DEFAULT_CONFIG : parseConfigText(text, source);
  const interpolated = interpolate(raw, env, source, []);
  const withOverrides = applyOverrides(interpolated, env, options.overrides ?? {});
  return {
    config: parseConfig(withOverrides, text === undefined ? 'defaults' : source),
    source: text === undefined ? 'defaults' : source,
  };
}

/** Validates an already-parsed configuration object (used by tests and by loadConfig). */
export function parseConfig(raw: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(`invalid configuration in ${source}:\n${formatIssues(result.error.issues)}`);
}

async function readConfigText(path: string, required: boolean): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    throw new ConfigError(
      `cannot read config file ${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}`,
    );
  }
}

function parseConfigText(text: string, source: string): unknown {
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0] ? `:${error.linePos[0].line}:${error.linePos[0].col}` : '';
      throw new ConfigError(`${source}${where}: invalid YAML: ${error.message.split('\n')[0] ?? ''}`);
    }
    throw error;
  }
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value. A value that is a single reference is
 * re-read as a YAML scalar, so `port: ${PORT}` yields a number. `$${` escapes a literal `${`.
 */
function interpolate(
  value: unknown,
  env: NodeJS.ProcessEnv,
  source: string,
  path: (string | number)[],
): unknown {
  if (typeof value === 'string') return interpolateString(value, env, source, path);
  if (Array.isArray(value))
    return value.map((item, index) => interpolate(item, env, source, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolate(item, env, source, [...path, key])]),
    );
  }
  return value;
}

function interpolateString(
  value: string,
  env: NodeJS.ProcessEnv,
  source: string,
  path: (string | number)[],
): unknown {
  if (!value.includes('${')) return value;
  const escaped = value.split('$${');
  const replaced = escaped
    .map((part) =>
      part.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
        const found = env[name];
        if (found !== undefined && found !== '') return found;
        if (fallback !== undefined) return fallback;
        throw new ConfigError(`${source}: ${formatPath(path)}: environment variable ${name} is not set`);
      }),
    )
    .join('${');
  return escaped.length === 1 && WHOLE_REFERENCE.test(value) ? parseYaml(replaced) : replaced;
}

/** Environment overrides for the common settings, then command-line flags. */
function applyOverrides(
  raw: unknown,
  env: NodeJS.ProcessEnv,
  flags: NonNullable<LoadConfigOptions['overrides']>,
): unknown {
  const config = (raw !== null && typeof raw === 'object' ? { ...raw } : raw) as Record<string, unknown>;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return raw;
  const server: Record<string, unknown> = {
    ...(typeof config.server === 'object' && config.server !== null ? config.server : {}),
  };
  const fromEnv: [string, string, (text: string) => unknown][] = [
    ['DAULAT_HOST', 'host', String],
    ['DAULAT_PORT', 'port', toNumber],
    ['DAULAT_API_KEY', 'api_key', String],
    ['DAULAT_WORKERS', 'workers', toNumber],
    ['DAULAT_LOG_LEVEL', 'log_level', String],
    ['DAULAT_BODY_LIMIT_BYTES', 'body_limit_bytes', toNumber],
    ['DAULAT_HEAP_GROWTH_PERCENT', 'heap_growth_percent', toNumber],
    ['DAULAT_PRETENURING', 'pretenuring', toBoolean],
    ['DAULAT_PARALLEL_SCAVENGE', 'parallel_scavenge', toBoolean],
  ];
  for (const [name, key, convert] of fromEnv) {
    const text = env[name];
    if (text !== undefined && text !== '') server[key] = convert(text);
  }
  if (flags.host !== undefined) server.host = flags.host;
  if (flags.port !== undefined) server.port = flags.port;
  if (flags.workers !== undefined) server.workers = flags.workers;
  const result: Record<string, unknown> = { ...config, server };
  overrideSection(result, 'model_store', 'dir', env.DAULAT_MODELS_DIR);
  overrideSection(result, 'store', 'url', env.DATABASE_URL);
  overrideSection(result, 'admin', 'key', env.DAULAT_ADMIN_KEY);
  overrideSection(result, 'audit', 'key', env.DAULAT_AUDIT_KEY);
  overrideSection(result, 'limits', 'redis_url', env.REDIS_URL);
  overrideSection(result, 'telemetry', 'otlp_endpoint', env.OTEL_EXPORTER_OTLP_ENDPOINT);
  return result;
}

/** Sets `config[section][key]` from an environment variable, when it is set and not empty. */
function overrideSection(
  config: Record<string, unknown>,
  section: string,
  key: string,
  value: string | undefined,
): void {
  if (value === undefined || value === '') return;
  const current = config[section];
  config[section] = { ...(typeof current === 'object' && current !== null ? current : {}), [key]: value };
}

/** `true`/`1`/`on` and `false`/`0`/`off`; anything else is kept as text for the schema to refuse. */
function toBoolean(text: string): unknown {
  const word = text.trim().toLowerCase();
  if (['true', '1', 'on', 'yes'].includes(word)) return true;
  if (['false', '0', 'off', 'no'].includes(word)) return false;
  return text;
}

function toNumber(text: string): unknown {
  const number = Number(text);
  return Number.isFinite(number) ? number : text;
}

/** `deployments[2].base_url: expected a URL`, one line per issue. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`).join('\n');
}

/** `['deployments', 2, 'base_url']` → `deployments[2].base_url`; the empty path is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path)
    text += typeof key === 'number' ? `[${key}]` : text === '' ? String(key) : `.${String(key)}`;
  return text === '' ? '(root)' : text;
}
