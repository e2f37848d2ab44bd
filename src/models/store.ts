/**
 * The model store: a folder of GGUF files (default ./data/models) and a manifest.json describing each,
 * written atomically (temp file + rename) under a lock so concurrent pulls never lose an entry.
 * Pulled files live at `<dir>/<org>/<repo>/<file>`; local files are recorded where they are.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { GatewayError } from '../errors.ts';
import { parseModelReference } from './model-reference.ts';

/** The default store folder, relative to the working directory. */
export const DEFAULT_MODELS_DIR = './data/models';
/** The manifest's file name inside the store folder. */
export const MANIFEST_FILE = 'manifest.json';

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('catalog'),
    catalogName: z.string(),
    repo: z.string(),
    file: z.string(),
    revision: z.string(),
  }),
  z.object({ kind: z.literal('hf'), repo: z.string(), file: z.string(), revision: z.string() }),
  z.object({ kind: z.literal('local'), path: z.string() }),
]);

const entrySchema = z.object({
  name: z.string().min(1),
  /** Relative to the store folder, or absolute for a local model recorded in place. */
  file: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  architecture: z.string(),
  parameters: z.number().nonnegative(),
  quantization: z.string(),
  contextLength: z.number().int().positive().nullable(),
  chatTemplate: z.string().nullable(),
  source: sourceSchema,
  pulledAt: z.string(),
});

const manifestSchema = z.object({ version: z.literal(1), models: z.array(entrySchema) });

/** Where a stored model came from. */
export type ModelSource = z.infer<typeof sourceSchema>;
/** One model in the store, all fields (but source and pulledAt) read from the GGUF itself. */
export type ModelEntry = z.infer<typeof entrySchema>;
/** The manifest file's content. */
export type Manifest = z.infer<typeof manifestSchema>;

/** A model resolved for loading: its absolute path, and its manifest entry when the store has one. */
export interface ResolvedModel {
  readonly path: string;
  readonly entry: ModelEntry | undefined;
}

/** The store folder: `--models-dir`, else DAULAT_MODELS_DIR, else the config's, else ./data/models. */
export function resolveModelsDir(
  options: { flag?: string; env?: NodeJS.ProcessEnv; configured?: string } = {},
): string {
  const fromEnv = (options.env ?? process.env).DAULAT_MODELS_DIR;
  return resolve(
    options.flag ??
      (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv) ??
      options.configured ??
      DEFAULT_MODELS_DIR,
  );
}

/** Reads the manifest; a store without one is empty. Throws `model_invalid` for an unreadable manifest. */
export async function readManifest(storeDir: string): Promise<Manifest> {
  const path = join(storeDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, models: [] };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GatewayError('model_invalid', `${path} is not valid JSON: fix or delete it`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new GatewayError(
      'model_invalid',
      `${path}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

/** The stored models, sorted by name. */
export async function listModels(storeDir: string): Promise<ModelEntry[]> {
  return [...(await readManifest(storeDir)).models].sort((a, b) => a.name.localeCompare(b.name));
}

/** Adds or replaces the entry with the same name. */
export async function recordModel(storeDir: string, entry: ModelEntry): Promise<void> {
  await updateManifest(storeDir, (models) => [...models.filter((model) => model.name !== entry.name), entry]);
}

/** Removes a model from the manifest and deletes its file (a local model's file is left alone). */
export async function removeModel(storeDir: string, name: string): Promise<ModelEntry> {
  const wanted = canonicalName(name);
  let removed: ModelEntry | undefined;
  await updateManifest(storeDir, (models) => {
    removed = models.find((model) => model.name === wanted);
    return models.filter((model) => model !== removed);
  });
  if (!removed) throw notInStore(wanted, storeDir);
  if (removed.source.kind !== 'local') {
    const path = modelFilePath(storeDir, removed);
    await rm(path, { force: true });
    await removeEmptyParents(storeDir, dirname(path));
  }
  return removed;
}

/** Removes `dir` and its parents up to (not including) the store folder while they are empty. */
async function removeEmptyParents(storeDir: string, dir: string): Promise<void> {
  for (let current = dir; current.startsWith(`${resolve(storeDir)}${sep}`); current = dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
  }
}

/**
 * Finds a model by store name (`qwen2.5:7b`, `hf:org/repo/file.gguf`) or by path to a .gguf file, for the
 * embedded engine. Throws `model_not_downloaded` naming the model when neither exists.
 */
export async function resolveModel(storeDir: string, nameOrPath: string): Promise<ResolvedModel> {
  const models = (await readManifest(storeDir)).models;
  const byName = models.find((model) => model.name === canonicalName(nameOrPath));
  if (byName) {
    const path = modelFilePath(storeDir, byName);
    if (!(await isFile(path))) {
      throw new GatewayError(
        'model_not_downloaded',
        `model '${byName.name}' is in the manifest but its file ${path} is missing: run \`daulat pull ${byName.name}\``,
      );
    }
    return { path, entry: byName };
  }
  if (!nameOrPath.toLowerCase().endsWith('.gguf')) throw notInStore(nameOrPath, storeDir);
  const path = resolve(nameOrPath);
  if (!(await isFile(path)))
    throw new GatewayError('model_not_downloaded', `model file ${path} does not exist`);
  return { path, entry: models.find((model) => modelFilePath(storeDir, model) === path) };
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isFile(),
    () => false,
  );
}

/** The absolute path of a stored model's file. */
export function modelFilePath(storeDir: string, entry: Pick<ModelEntry, 'file'>): string {
  return isAbsolute(entry.file) ? entry.file : resolve(storeDir, entry.file);
}

/** `qwen2.5:7b:Q4_K_M` → `qwen2.5:7b` (its default quantization); other names unchanged. */
export function canonicalName(name: string): string {
  try {
    const reference = parseModelReference(name);
    return reference.kind === 'path' ? name : reference.name;
  } catch {
    return name;
  }
}

/** Writes `content` to `path` atomically: a temp file beside it, flushed, then renamed over it. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

async function updateManifest(
  storeDir: string,
  change: (models: ModelEntry[]) => ModelEntry[],
): Promise<void> {
  await mkdir(storeDir, { recursive: true });
  const release = await lockfile.lock(storeDir, {
    lockfilePath: join(storeDir, `${MANIFEST_FILE}.lock`),
    retries: { retries: 50, minTimeout: 20, maxTimeout: 200 },
  });
  try {
    const manifest = await readManifest(storeDir);
    const models = change(manifest.models).sort((a, b) => a.name.localeCompare(b.name));
    await writeFileAtomic(
      join(storeDir, MANIFEST_FILE),
      `${JSON.stringify({ version: 1, models }, null, 2)}\n`,
    );
  } finally {
    await release();
  }
}

function notInStore(name: string, storeDir: string): GatewayError {
  return new GatewayError(
    'model_not_downloaded',
    `model '${name}' is not in the model store ${storeDir}: run \`daulat pull ${name}\` (or give a path to a .gguf file)`,
  );
}
