/**
 * The decoding loop: evaluates the prompt on a borrowed sequence and turns sampled tokens into text,
 * holding back incomplete UTF-8 and stop sequences, until end-of-generation, a stop sequence,
 * `max_tokens`, the end of the context, or cancellation. The sequence is freed the moment it ends.
 */
import {
  LlamaGrammarEvaluationState,
  TokenBias,
  type LlamaContextSequenceRepeatPenalty,
  type SequenceEvaluateOptions,
  type Token,
} from 'node-llama-cpp';
import { GatewayError } from '../../errors.ts';
import type { LoadedModel } from './model-host.ts';
import type { RequestOptions } from './request-options.ts';
import type { SequenceLease } from './sequence-pool.ts';
import { StopMatcher } from './stop-matcher.ts';

/** Sampling settings of one generation. */
export interface Sampling {
  readonly temperature?: number;
  readonly topP?: number;
  readonly seed?: number;
  readonly options: RequestOptions;
}

/** How a generation ended, and what it cost. */
export interface GenerationResult {
  /** `stop`: end-of-generation token or stop sequence; `length`: max_tokens or the context is full. */
  readonly finish: 'stop' | 'length' | 'cancelled';
  readonly completionTokens: number;
}

/** One request's generation, ready to be read once. */
export interface Generation {
  readonly promptTokens: number;
  /** Prompt tokens found in the sequence's cache (not evaluated again). */
  readonly cachedTokens: number;
  /** The generated text, in pieces as soon as they are final. */
  text(): AsyncGenerator<string, GenerationResult>;
}

/** What a generation needs. */
export interface GenerationInput {
  readonly loaded: LoadedModel;
  readonly lease: SequenceLease;
  readonly promptTokens: number;
  readonly maxTokens: number;
  readonly stop: readonly string[];
  readonly sampling: Sampling;
  readonly grammar?: string;
  readonly signal: AbortSignal;
}

/** Incomplete UTF-8 is held for at most this many tokens (a code point spans at most 4 byte tokens). */
const MAX_HELD_TOKENS = 4;

/** Prepares a generation on a borrowed sequence; `text()` runs it and releases the lease when done. */
export function createGeneration(input: GenerationInput): Generation {
  return {
    promptTokens: input.promptTokens,
    cachedTokens: input.lease.reusedTokens,
    text: () => decode(input),
  };
}

async function* decode(input: GenerationInput): AsyncGenerator<string, GenerationResult> {
  const { loaded, lease, signal } = input;
  const model = loaded.model;
  const stops = new StopMatcher(input.stop);
  const held: Token[] = [];
  const recent: Token[] = [];
  const output: Token[] = [];
  let generated = 0;
  let finish: GenerationResult['finish'] = 'length';
  const tokens = lease.sequence.evaluate(lease.input, evaluateOptions(input, output));
  try {
    for await (const token of tokens) {
      if (signal.aborted) {
        // A deadline is an error the stream must report; a client that left reads nothing more.
        if (signal.reason instanceof GatewayError) throw signal.reason;
        finish = 'cancelled';
        break;
      }
      if (model.isEogToken(token)) {
        finish = 'stop';
        break;
      }
      generated++;
      held.push(token);
      output.push(token);
      const text = model.detokenize(held, true, recent);
      if (!text.endsWith('\uFFFD') || held.length >= MAX_HELD_TOKENS || generated >= input.maxTokens) {
        recent.push(...held.splice(0));
        if (recent.length > MAX_HELD_TOKENS) recent.splice(0, recent.length - MAX_HELD_TOKENS);
        const released = stops.push(text);
        if (released.text !== '') yield released.text;
        if (released.stopped) {
          finish = 'stop';
          break;
        }
      }
      if (generated >= input.maxTokens) break;
    }
    if (finish !== 'cancelled') {
      const released =
        held.length > 0 ? stops.push(model.detokenize(held, true, recent)) : { text: '', stopped: false };
      const tail = released.text + (released.stopped ? '' : stops.flush());
      if (tail !== '') yield tail;
    }
    return { finish, completionTokens: generated };
  } finally {
    await tokens.return(undefined);
    lease.release();
  }
}

function evaluateOptions(input: GenerationInput, output: readonly Token[]): SequenceEvaluateOptions {
  const { sampling, loaded } = input;
  const options = sampling.options;
  const evaluate: { -readonly [K in keyof SequenceEvaluateOptions]: SequenceEvaluateOptions[K] } = {
    temperature: sampling.temperature ?? 1,
    topP: sampling.topP,
    topK: options.topK,
    minP: options.minP,
    seed: sampling.seed,
    // Without it node-llama-cpp ends quietly at end-of-generation, indistinguishable from running out.
    yieldEogToken: true,
  };
  const penalty = repeatPenalty(options, output);
  if (penalty !== undefined) evaluate.repeatPenalty = penalty;
  if (options.logitBias.size > 0) {
    const bias = new TokenBias(loaded.model.tokenizer);
    for (const [token, value] of options.logitBias) bias.set(token as Token, value <= -100 ? 'never' : value);
    evaluate.tokenBias = bias;
  }
  if (input.grammar !== undefined) {
    evaluate.grammarEvaluationState = new LlamaGrammarEvaluationState({
      model: loaded.model,
      grammar: loaded.grammar(input.grammar),
    });
  }
  return evaluate;
}

/** OpenAI's frequency/presence penalties (and llama.cpp's multiplicative one) over the generated tokens. */
function repeatPenalty(
  options: RequestOptions,
  output: readonly Token[],
): LlamaContextSequenceRepeatPenalty | undefined {
  const { frequencyPenalty, presencePenalty, repetitionPenalty } = options;
  if (frequencyPenalty === undefined && presencePenalty === undefined && repetitionPenalty === undefined)
    return undefined;
  return {
    punishTokens: () => output as Token[],
    ...(repetitionPenalty === undefined ? { penalty: 1 } : { penalty: repetitionPenalty }),
    ...(frequencyPenalty === undefined ? {} : { frequencyPenalty }),
    ...(presencePenalty === undefined ? {} : { presencePenalty }),
  };
}
