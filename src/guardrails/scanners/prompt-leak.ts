/**
 * System-prompt leakage: the answer repeats the prompt's canary (canary.ts), or a run of the request's own
 * system prompt. Built per request from that prompt; every window of WINDOW characters (whitespace folded,
 * case kept) is hashed once, and the answer's windows are looked up — linear in both texts.
 */
import type { Finding, TextScanner } from '../scanner.ts';

/** Shorter runs are common phrases, not a leak. */
const WINDOW = 48;

/**
 * The scanner for one request's system prompt and its canary; undefined when there is no canary and the prompt
 * is too short to leak meaningfully.
 */
export function createPromptLeakScanner(systemPrompt: string, canary?: string): TextScanner | undefined {
  // Folding only ever shortens: a prompt already shorter than a window (no system prompt at all, most often)
  // needs no folding to say so — this runs for every request the scanner is on for.
  if (systemPrompt.length < WINDOW && canary === undefined) return undefined;
  const folded = fold(systemPrompt);
  if (folded.text.length < WINDOW && canary === undefined) return undefined;
  const windows = new Set<string>();
  for (let start = 0; start + WINDOW <= folded.text.length; start++)
    windows.add(folded.text.slice(start, start + WINDOW));
  return {
    id: 'prompt_leak',
    cost: 5,
    // Folding may drop whitespace: leave room for runs of it in the answer.
    maxMatchLength: WINDOW * 2,
    scan(text: string): Finding[] {
      const marker = canary === undefined ? -1 : text.indexOf(canary);
      if (marker >= 0)
        return [
          {
            scanner: 'prompt_leak',
            category: 'canary',
            start: marker,
            end: marker + canary!.length,
            score: 1,
          },
        ];
      const answer = fold(text);
      for (let start = 0; start + WINDOW <= answer.text.length; start++) {
        if (!windows.has(answer.text.slice(start, start + WINDOW))) continue;
        const from = answer.offsets[start]!;
        const to = answer.offsets[start + WINDOW - 1]! + 1;
        return [{ scanner: 'prompt_leak', category: 'system_prompt', start: from, end: to, score: 1 }];
      }
      return [];
    },
  };
}

/** Whitespace runs folded to one space, with each kept character's offset in the original. */
function fold(text: string): { text: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let space = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (/\s/.test(character)) {
      space = folded !== '';
      continue;
    }
    if (space) {
      folded += ' ';
      offsets.push(index - 1);
      space = false;
    }
    folded += character;
    offsets.push(index);
  }
  return { text: folded, offsets };
}
