/**
 * The price catalog (pricing/prices.yaml): what proprietary APIs charge per million tokens, read at run
 * time so prices can be updated without a release. The cost model prices a team's reference model here.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ConfigError, formatIssues } from '../config/load.ts';

/** The shipped catalog: this file sits in src/accounting/ (or dist/accounting/), two levels below the root. */
export const DEFAULT_PRICES_PATH = fileURLToPath(new URL('../../pricing/prices.yaml', import.meta.url));

/** One model's prices in USD per million tokens, with the defaults applied. */
export interface ModelPrice {
  readonly id: string;
  /** Lower-case provider slug: `openai`, `anthropic`, `google`, … */
  readonly provider: string;
  /** Other ids of the same model at the same price (dated snapshots). */
  readonly aliases: readonly string[];
  /** Uncached input tokens. */
  readonly input: number;
  readonly cachedInput: number;
  /** Output tokens that are not reasoning. */
  readonly output: number;
  /** Reasoning (thinking) tokens; the output price unless the catalog says otherwise. */
  readonly reasoning: number;
  /** The provider's pricing page. */
  readonly source: string;
  /** The date the price is believed true (ISO `YYYY-MM-DD`). */
  readonly asOf: string;
  readonly note: string | undefined;
}

/** A loaded, validated catalog. */
export interface PriceCatalog {
  readonly version: number;
  readonly asOf: string;
  /** Where it was read from, for messages. */
  readonly source: string;
  readonly models: readonly ModelPrice[];
  /** The model with this id or alias, case-insensitive; `provider/id` (e.g. `openai/gpt-4.1`) also works. */
  price(id: string): ModelPrice | undefined;
}

const usdPerMillion = z.number().nonnegative();
const modelIdSchema = z.string().regex(/^[^\s/]+$/, 'expected an id without spaces or slashes');

const modelSchema = z.strictObject({
  id: modelIdSchema,
  provider: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case slug such as openai'),
  aliases: z.array(modelIdSchema).default([]),
  input: usdPerMillion,
  cached_input: usdPerMillion,
  output: usdPerMillion,
  reasoning: usdPerMillion.optional(),
  source: z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of the pricing page' }),
  as_of: z.iso.date().optional(),
  note: z.string().min(1).optional(),
});

// Ids and aliases share one namespace, so a lookup can never be ambiguous.
const priceCatalogSchema = z
  .strictObject({
    version: z.int().positive(),
    as_of: z.iso.date(),
    models: z.array(modelSchema).min(1, 'list at least one model'),
  })
  .superRefine((catalog, context) => {
    const seen = new Set<string>();
    catalog.models.forEach((model, index) => {
      const names: [string, PropertyKey[]][] = [
        [model.id, ['models', index, 'id']],
        ...model.aliases.map((alias, aliasIndex): [string, PropertyKey[]] => [
          alias,
          ['models', index, 'aliases', aliasIndex],
        ]),
      ];
      for (const [name, path] of names) {
        const key = name.toLowerCase();
        if (seen.has(key))
          context.addIssue({ code: 'custom', path, message: `duplicate model id '${name}'` });
        seen.add(key);
      }
    });
  });

/** Reads and validates a catalog file (default: the shipped one); throws ConfigError naming file and field. */
export async function loadPriceCatalog(path: string = DEFAULT_PRICES_PATH): Promise<PriceCatalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `cannot read price catalog ${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}`,
    );
  }
  return parsePriceCatalog(parseCatalogText(text, path), path);
}

/** Validates an already-parsed catalog object; `source` names it in errors. */
export function parsePriceCatalog(raw: unknown, source = 'price catalog'): PriceCatalog {
  const result = priceCatalogSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`invalid price catalog in ${source}:\n${formatIssues(result.error.issues)}`);
  }
  const { version, as_of: asOf } = result.data;
  const models = result.data.models.map((model): ModelPrice => ({
    id: model.id,
    provider: model.provider,
    aliases: model.aliases,
    input: model.input,
    cachedInput: model.cached_input,
    output: model.output,
    reasoning: model.reasoning ?? model.output,
    source: model.source,
    asOf: model.as_of ?? asOf,
    note: model.note,
  }));
  return createPriceCatalog({ version, asOf, source, models });
}

function createPriceCatalog(data: Omit<PriceCatalog, 'price'>): PriceCatalog {
  const byName = new Map<string, ModelPrice>();
  for (const model of data.models) {
    for (const name of [model.id, ...model.aliases]) byName.set(name.toLowerCase(), model);
  }
  return {
    ...data,
    price(id) {
      const wanted = id.trim().toLowerCase();
      const direct = byName.get(wanted);
      if (direct !== undefined) return direct;
      const slash = wanted.indexOf('/');
      if (slash < 0) return undefined;
      const model = byName.get(wanted.slice(slash + 1));
      return model?.provider === wanted.slice(0, slash) ? model : undefined;
    },
  };
}

function parseCatalogText(text: string, path: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0] ? `:${error.linePos[0].line}:${error.linePos[0].col}` : '';
      throw new ConfigError(`${path}${where}: invalid YAML: ${error.message.split('\n')[0] ?? ''}`);
    }
    throw error;
  }
}
