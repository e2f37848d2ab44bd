/**
 * The anchor gate in front of the signature rules: an Aho–Corasick automaton finds, in one pass over the text,
 * which rule anchors occur, and only the rules with an anchor present run. Benign text usually wakes a handful
 * of the rules, which is most of the scanner's speed.
 */
import { RULE_REACH, type InjectionRule } from './injection-rule.ts';

/** A rule woken by the gate, and where in the text it may match ([start, end) slices; none: the whole text). */
export interface WokenRule {
  readonly rule: InjectionRule;
  readonly regions?: readonly (readonly [number, number])[];
}

/** A compiled gate for one rule list. */
export interface RuleGate {
  /** The rules that may match `text`, in their original order. */
  candidates(text: string): InjectionRule[];
  /**
   * The rules that may match `text`, each with the slices around its anchors where it can (within
   * {@link RULE_REACH}); a rule whose slices would cover most of the text, or that is not regional, gets none.
   */
  wake(text: string): WokenRule[];
}

/** Anchor hits are kept per block of this many characters. */
const BLOCK = 256;
const BLOCKS_OF_REACH = Math.ceil(RULE_REACH / BLOCK);

const L = 0x6c;
const I = 0x69;

/** Rules match a leet `1` (normalised to `i`) where they expect `l`: the automaton reads every `l` as `i`. */
function canonicalCode(code: number): number {
  return code === L ? I : code;
}

interface Automaton {
  /** Character code → alphabet index (0: a character no anchor contains). */
  readonly alphabet: Int32Array;
  readonly size: number;
  /** Dense transitions: state × alphabet size + symbol → next state. */
  readonly next: Int32Array;
  /** Anchors recognised on reaching each state (its own and its failure chain's). */
  readonly outputs: readonly (readonly number[])[];
}

function buildAlphabet(anchors: readonly string[]): { alphabet: Int32Array; size: number } {
  const alphabet = new Int32Array(128);
  let size = 1;
  for (const anchor of anchors) {
    for (let index = 0; index < anchor.length; index += 1) {
      const code = canonicalCode(anchor.charCodeAt(index));
      if (code < 128 && alphabet[code] === 0) alphabet[code] = size++;
    }
  }
  return { alphabet, size };
}

function buildAutomaton(anchors: readonly string[]): Automaton {
  const { alphabet, size } = buildAlphabet(anchors);
  const trie: number[][] = [new Array<number>(size).fill(-1)];
  const own: number[][] = [[]];
  anchors.forEach((anchor, anchorIndex) => {
    let state = 0;
    for (let index = 0; index < anchor.length; index += 1) {
      const symbol = alphabet[canonicalCode(anchor.charCodeAt(index))] ?? 0;
      const row = trie[state] ?? [];
      if ((row[symbol] ?? -1) < 0) {
        row[symbol] = trie.length;
        trie.push(new Array<number>(size).fill(-1));
        own.push([]);
      }
      state = row[symbol] ?? 0;
    }
    own[state]?.push(anchorIndex);
  });
  const next = new Int32Array(trie.length * size);
  const failure = new Int32Array(trie.length);
  const outputs: number[][] = own.map((list) => [...list]);
  const queue: number[] = [];
  for (let symbol = 0; symbol < size; symbol += 1) {
    const child = trie[0]?.[symbol] ?? -1;
    next[symbol] = child < 0 ? 0 : child;
    if (child > 0) queue.push(child);
  }
  // Breadth first, so a state's failure target is complete before the state is.
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head] ?? 0;
    outputs[state]?.push(...(outputs[failure[state] ?? 0] ?? []));
    for (let symbol = 0; symbol < size; symbol += 1) {
      const child = trie[state]?.[symbol] ?? -1;
      const fallback = next[(failure[state] ?? 0) * size + symbol] ?? 0;
      if (child < 0) {
        next[state * size + symbol] = fallback;
      } else {
        next[state * size + symbol] = child;
        failure[child] = fallback;
        queue.push(child);
      }
    }
  }
  return { alphabet, size, next, outputs };
}

/** Compiles the gate for a rule list. */
export function createRuleGate(rules: readonly InjectionRule[]): RuleGate {
  const anchors = [...new Set(rules.flatMap((rule) => rule.anchors))];
  const automaton = buildAutomaton(anchors);
  const rulesByAnchor = anchors.map((anchor) =>
    rules.flatMap((rule, index) => (rule.anchors.includes(anchor) ? [index] : [])),
  );
  const { alphabet, size, next, outputs } = automaton;
  const anchorIndex = new Map(anchors.map((anchor, index) => [anchor, index]));

  /** Runs the automaton; `onHit(anchor, index)` for every anchor occurrence ending at `index`. */
  function run(text: string, onHit: (anchor: number, index: number) => void): void {
    let state = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = canonicalCode(text.charCodeAt(index));
      state = next[state * size + (code < 128 ? (alphabet[code] ?? 0) : 0)] ?? 0;
      const hits = outputs[state];
      if (hits !== undefined && hits.length > 0) for (const anchor of hits) onHit(anchor, index);
    }
  }

  function regionsOf(
    rule: InjectionRule,
    blocksByAnchor: readonly number[][],
    length: number,
  ): [number, number][] | undefined {
    const blockCount = Math.ceil(length / BLOCK);
    const marked = new Uint8Array(blockCount);
    let covered = 0;
    for (const anchor of rule.anchors) {
      for (const block of blocksByAnchor[anchorIndex.get(anchor) ?? -1] ?? []) {
        const last = Math.min(blockCount - 1, block + BLOCKS_OF_REACH);
        for (let at = Math.max(0, block - BLOCKS_OF_REACH); at <= last; at += 1) {
          if (marked[at] === 0) covered += 1;
          marked[at] = 1;
        }
      }
    }
    // Slices pay off only when they skip most of the text.
    if (covered * 2 > blockCount) return undefined;
    const regions: [number, number][] = [];
    for (let at = 0; at < blockCount; at += 1) {
      if (marked[at] === 0) continue;
      const start = at;
      while (at + 1 < blockCount && marked[at + 1] === 1) at += 1;
      regions.push([start * BLOCK, Math.min(length, (at + 1) * BLOCK)]);
    }
    return regions;
  }

  return {
    candidates(text: string): InjectionRule[] {
      const found = new Uint8Array(anchors.length);
      run(text, (anchor) => {
        found[anchor] = 1;
      });
      const wanted = new Uint8Array(rules.length);
      found.forEach((hit, anchor) => {
        if (hit === 1) for (const index of rulesByAnchor[anchor] ?? []) wanted[index] = 1;
      });
      return rules.filter((_, index) => wanted[index] === 1);
    },
    wake(text: string): WokenRule[] {
      // A short text is one region anyway.
      if (text.length <= 4 * RULE_REACH) return this.candidates(text).map((rule) => ({ rule }));
      const blocksByAnchor: number[][] = new Array<number[]>(anchors.length);
      run(text, (anchor, index) => {
        const block = Math.floor(index / BLOCK);
        const blocks = (blocksByAnchor[anchor] ??= []);
        if (blocks.at(-1) !== block) blocks.push(block);
      });
      const woken: WokenRule[] = [];
      for (const rule of rules) {
        const present = rule.anchors.some(
          (anchor) => (blocksByAnchor[anchorIndex.get(anchor) ?? -1]?.length ?? 0) > 0,
        );
        if (!present) continue;
        const regions = rule.regional ? regionsOf(rule, blocksByAnchor, text.length) : undefined;
        woken.push(regions === undefined ? { rule } : { rule, regions });
      }
      return woken;
    },
  };
}
