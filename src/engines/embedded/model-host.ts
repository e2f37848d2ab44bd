/**
 * One embedded deployment's model: loaded on first use (once, however many requests wait for it),
 * kept while requests use it, unloaded after `keep_alive` idle or when the memory budget needs room.
 */
import { stat } from 'node:fs/promises';
import {
  GgufInsights,
  LlamaGrammar,
  type GgufFileInfo,
  type LlamaContext,
  type LlamaEmbeddingContext,
  type LlamaModel,
} from 'node-llama-cpp';
import type { EmbeddedConfig, EmbeddedDeploymentConfig } from '../../config/schema.ts';
import { GatewayError, toGatewayError } from '../../errors.ts';
import { ChatTemplate, FALLBACK_TEMPLATE } from './chat-template.ts';
import { getLlamaRuntime, type LlamaRuntime } from './llama-runtime.ts';
import type { BudgetMember, MemoryBudget } from './memory-budget.ts';
import { SequencePool } from './sequence-pool.ts';

/**
 * Finds a model's GGUF file (store name or path) and checks it is safe to load, returning its path and
 * the metadata read while checking; throws GatewayErrors.
 */
export type ModelLocator = (model: string) => Promise<{ readonly path: string; readonly gguf: GgufFileInfo }>;

/** Everything a request needs from a loaded model. */
export interface LoadedModel {
  readonly runtime: LlamaRuntime;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly sequences: SequencePool;
  readonly template: ChatTemplate;
  /** Tokens per sequence. */
  readonly contextSize: number;
  /** The model's embedding context, created on first use. */
  embeddings(): Promise<LlamaEmbeddingContext>;
  /** A compiled grammar, cached by its GBNF text. */
  grammar(gbnf: string): LlamaGrammar;
}

/** What a host needs to know. */
export interface ModelHostOptions {
  readonly deployment: EmbeddedDeploymentConfig;
  readonly settings: EmbeddedConfig;
  readonly locate: ModelLocator;
  readonly budget: MemoryBudget;
}

const GRAMMAR_CACHE_SIZE = 32;

/** Loads, lends and unloads one deployment's model. */
export class ModelHost implements BudgetMember {
  readonly name: string;
  readonly #options: ModelHostOptions;
  #loaded: Promise<LoadedModel> | undefined;
  #loadedBytes = 0;
  #active = 0;
  #lastUsedAt = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: ModelHostOptions) {
    this.name = options.deployment.name;
    this.#options = options;
    options.budget.join(this);
  }

  get loadedBytes(): number {
    return this.#loadedBytes;
  }

  get isIdle(): boolean {
    return this.#active === 0;
  }

  get lastUsedAt(): number {
    return this.#lastUsedAt;
  }

  /** True once the model is in memory. */
  get isLoaded(): boolean {
    return this.#loadedBytes > 0;
  }

  /**
   * Lends the loaded model (loading it first if needed) until `release` is called; the model is never
   * unloaded while lent. Call `release` exactly once, however the request ends.
   */
  async borrow(): Promise<{ readonly loaded: LoadedModel; release(): void }> {
    if (this.#closed)
      throw new GatewayError('upstream_unavailable', `deployment '${this.name}' is shut down`);
    this.#active++;
    clearTimeout(this.#idleTimer);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.#active--;
      this.#lastUsedAt = Date.now();
      if (this.#active === 0) this.#scheduleUnload();
    };
    try {
      return { loaded: await this.#load(), release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Frees the model's memory; the next request loads it again. */
  async unload(): Promise<void> {
    const loaded = this.#loaded;
    this.#loaded = undefined;
    this.#loadedBytes = 0;
    clearTimeout(this.#idleTimer);
    if (loaded === undefined) return;
    const model = await loaded.catch(() => undefined);
    await model?.model.dispose();
  }

  /** Unloads and refuses further requests. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#options.budget.leave(this);
    await this.unload();
  }

  #scheduleUnload(): void {
    const keepAlive = this.#options.deployment.keep_alive;
    if (keepAlive === 0 || this.#loaded === undefined) return;
    this.#idleTimer = setTimeout(() => {
      if (this.#active === 0) void this.unload();
    }, keepAlive);
    this.#idleTimer.unref();
  }

  #load(): Promise<LoadedModel> {
    if (this.#loaded === undefined) {
      const loading = this.#loadNow();
      this.#loaded = loading;
      loading.catch(() => {
        if (this.#loaded === loading) this.#loaded = undefined;
      });
    }
    return this.#loaded;
  }

  async #loadNow(): Promise<LoadedModel> {
    const { deployment, settings, locate, budget } = this.#options;
    const { path, gguf } = await locate(deployment.model);
    try {
      const runtime = await getLlamaRuntime(settings);
      const insights = await GgufInsights.from(gguf, runtime.llama);
      const bytes = await this.#estimate(insights, path);
      await budget.makeRoom(this, bytes);
      const model = await runtime.llama.loadModel({ modelPath: path, gpuLayers: deployment.gpu_layers });
      const context = await model.createContext({
        contextSize: Math.min(deployment.context_size, model.trainContextSize),
        sequences: deployment.parallel,
        threads: runtime.threads,
      });
      this.#loadedBytes = bytes;
      return this.#assemble(runtime, model, context);
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw new GatewayError(
        'model_load_failed',
        `cannot load model '${deployment.model}' for deployment '${deployment.name}': ${toGatewayError(error).message.replace(/^internal error: /, '')}`,
        {
          cause: error,
          isDeploymentFault: true,
        },
      );
    }
  }

  async #estimate(insights: GgufInsights, path: string): Promise<number> {
    const { deployment } = this.#options;
    const gpuLayers = typeof deployment.gpu_layers === 'number' ? deployment.gpu_layers : 0;
    const contextSize = Math.min(
      deployment.context_size,
      insights.trainContextSize ?? deployment.context_size,
    );
    const weights = await insights.estimateModelResourceRequirementsV2({ gpuLayers });
    const context = await insights.estimateContextResourceRequirementsV2({
      contextSize,
      modelGpuLayers: gpuLayers,
      sequences: deployment.parallel,
    });
    const total = weights.cpuRam + weights.gpuVram + context.cpuRam + context.gpuVram;
    return total > 0 ? total : (await stat(path)).size;
  }

  #assemble(runtime: LlamaRuntime, model: LlamaModel, context: LlamaContext): LoadedModel {
    const source = model.fileInfo.metadata.tokenizer?.chat_template;
    const template = new ChatTemplate(
      typeof source === 'string' && source !== '' ? source : FALLBACK_TEMPLATE,
      {
        bos: model.tokens.bosString ?? '',
        eos: model.tokens.eosString ?? '',
      },
    );
    const grammars = new Map<string, LlamaGrammar>();
    let embeddings: Promise<LlamaEmbeddingContext> | undefined;
    return {
      runtime,
      model,
      context,
      sequences: new SequencePool(context),
      template,
      contextSize: context.contextSize,
      embeddings: () =>
        (embeddings ??= model.createEmbeddingContext({
          contextSize: context.contextSize,
          threads: runtime.threads,
        })),
      grammar: (gbnf) => {
        let grammar = grammars.get(gbnf);
        if (grammar === undefined) {
          grammar = new LlamaGrammar(runtime.llama, { grammar: gbnf });
          if (grammars.size >= GRAMMAR_CACHE_SIZE) grammars.delete(grammars.keys().next().value!);
          grammars.set(gbnf, grammar);
        }
        return grammar;
      },
    };
  }
}
