/**
 * A key's allowed models: shell-style patterns (`qwen*`, `llama3.?-*`) matched against the requested name,
 * ignoring case (`qwen*` allows `Qwen/Qwen2.5-7B-Instruct`), as the whole name.
 */

const compiled = new Map<string, RegExp>();

/** Whether `model` matches any of `patterns` (an absent list allows everything). */
export function isModelAllowed(patterns: readonly string[] | undefined, model: string): boolean {
  if (patterns === undefined) return true;
  return patterns.some((pattern) => toRegExp(pattern).test(model));
}

function toRegExp(pattern: string): RegExp {
  let regexp = compiled.get(pattern);
  if (regexp === undefined) {
    const body = pattern
      .split('')
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    regexp = new RegExp(`^${body}$`, 'i');
    compiled.set(pattern, regexp);
  }
  return regexp;
}
