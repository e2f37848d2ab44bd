/**
 * JSON Schema → GBNF, the grammar llama.cpp enforces while sampling, so `response_format` and forced tool
 * calls yield valid JSON even from a weak model. Written here because node-llama-cpp's converter makes
 * every property required, and OpenAI schemas rely on optional properties staying optional.
 * Supported: type (and type lists), enum, const, properties / required / additionalProperties, items,
 * prefixItems, min/maxItems, min/maxLength, anyOf / oneOf, allOf of objects, $ref into $defs/definitions.
 * Ignored (any string matches): pattern, format. Numbers are bounded in digits so generation ends.
 */

type Schema = Record<string, unknown>;

const PRIMITIVES: Readonly<Record<string, string>> = {
  space: '| " " | "\\n" [ \\t]{0,20}',
  boolean: '("true" | "false") space',
  null: '"null" space',
  integer: '"-"? ([0-9] | [1-9] [0-9]{0,15}) space',
  number: '"-"? ([0-9] | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? [0-9]{1,3})? space',
  char: '[^"\\\\\\x7F\\x00-\\x1F] | [\\\\] (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4})',
  string: '"\\"" char* "\\"" space',
  value: 'object | array | string | number | boolean | null',
  object: '"{" space (string ":" space value ("," space string ":" space value)*)? "}" space',
  array: '"[" space (value ("," space value)*)? "]" space',
};

/** Depends-on lists so only the primitives a grammar uses are written out. */
const NEEDS: Readonly<Record<string, readonly string[]>> = {
  string: ['char', 'space'],
  value: ['object', 'array', 'string', 'number', 'boolean', 'null'],
  object: ['string', 'value', 'space'],
  array: ['value', 'space'],
  boolean: ['space'],
  null: ['space'],
  integer: ['space'],
  number: ['space'],
};

/** A GBNF grammar under construction: named rules, deduplicated by body. */
export class GrammarBuilder {
  readonly #rules = new Map<string, string>();
  readonly #root: Schema;

  constructor(rootSchema: unknown = {}) {
    this.#root = asSchema(rootSchema);
  }

  /** Adds the rules for a schema and returns an expression that matches it. */
  schema(schema: unknown, hint = 'value'): string {
    const node = asSchema(schema);
    if (typeof node.$ref === 'string') return this.#ref(node.$ref);
    if ('const' in node) return this.literal(JSON.stringify(node.const)) + ' space';
    if (Array.isArray(node.enum))
      return this.#alternatives(node.enum.map((item) => this.literal(JSON.stringify(item)) + ' space'));
    const variants = node.anyOf ?? node.oneOf;
    if (Array.isArray(variants))
      return this.#alternatives(
        variants.map((variant, i) => this.#named(`${hint}-${i}`, this.schema(variant, `${hint}-${i}`))),
      );
    if (Array.isArray(node.allOf)) return this.schema(mergeAllOf(node.allOf.map(asSchema), node), hint);
    const type = node.type ?? inferType(node);
    if (Array.isArray(type)) {
      return this.#alternatives(
        type.map((item: unknown) => this.schema({ ...node, type: item }, `${hint}-${String(item)}`)),
      );
    }
    switch (type as string) {
      case 'object':
        return this.#object(node, hint);
      case 'array':
        return this.#array(node, hint);
      case 'string':
        return this.#string(node);
      case 'integer':
      case 'number':
      case 'boolean':
      case 'null':
        return this.primitive(type as 'integer' | 'number' | 'boolean' | 'null');
      default:
        return this.primitive('value');
    }
  }

  /** Uses one of the built-in rules (`value`, `object`, `string`, `space` …). */
  primitive(name: keyof typeof PRIMITIVES): string {
    if (!this.#rules.has(name)) {
      this.#rules.set(name, PRIMITIVES[name]!);
      for (const needed of NEEDS[name] ?? []) this.primitive(needed);
    }
    return name;
  }

  /** A GBNF string literal matching exactly `text`. */
  literal(text: string): string {
    return `"${text
      .replace(/[\\"]/g, (match) => `\\${match}`)
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/\t/g, '\\t')}"`;
  }

  /** Writes the grammar with `root ::= rootExpression`. */
  build(rootExpression: string): string {
    const lines = [`root ::= ${rootExpression}`];
    for (const [name, body] of this.#rules) lines.push(`${name} ::= ${body}`);
    return lines.join('\n') + '\n';
  }

  #object(node: Schema, hint: string): string {
    const properties = asSchema(node.properties);
    const names = Object.keys(properties);
    if (names.length === 0) {
      const extra = node.additionalProperties;
      if (extra === false) return `"{" ${this.primitive('space')} "}" space`;
      if (extra === undefined || extra === true) return this.primitive('object');
      const value = this.#named(`${hint}-additional`, this.schema(extra, `${hint}-additional`));
      this.primitive('string');
      return `"{" space (string ":" space ${value} ("," space string ":" space ${value})*)? "}" space`;
    }
    const required = new Set(
      Array.isArray(node.required)
        ? node.required.filter((key): key is string => typeof key === 'string')
        : [],
    );
    const pair = (key: string): string =>
      this.#named(
        `${hint}-${key}-kv`,
        `${this.literal(JSON.stringify(key))} space ":" space ${this.schema(properties[key], `${hint}-${key}`)}`,
      );
    const mandatory = names.filter((key) => required.has(key)).map(pair);
    const optional = names.filter((key) => !required.has(key)).map(pair);
    this.primitive('space');
    let body = mandatory.join(' "," space ');
    if (optional.length > 0)
      body =
        mandatory.length > 0
          ? `${body} ${this.#optionalTail(optional, 0, hint)}`
          : `(${this.#optionalFirst(optional, 0, hint)})?`;
    return `"{" space ${body} "}" space`;
  }

  /** After at least one pair: each remaining optional pair may follow, in order, with its comma. */
  #optionalTail(pairs: readonly string[], from: number, hint: string): string {
    if (from >= pairs.length) return '';
    return this.#named(
      `${hint}-tail-${from}`,
      `("," space ${pairs[from]})? ${this.#optionalTail(pairs, from + 1, hint)}`.trim(),
    );
  }

  /** With no pair yet: the first present optional pair, then the tail after it. */
  #optionalFirst(pairs: readonly string[], from: number, hint: string): string {
    const here = `${pairs[from]} ${this.#optionalTail(pairs, from + 1, hint)}`.trim();
    if (from === pairs.length - 1) return here;
    return this.#named(`${hint}-first-${from}`, `${here} | ${this.#optionalFirst(pairs, from + 1, hint)}`);
  }

  #array(node: Schema, hint: string): string {
    this.primitive('space');
    if (Array.isArray(node.prefixItems)) {
      const items = node.prefixItems.map((item, i) => this.schema(item, `${hint}-${i}`));
      return `"[" space ${items.join(' "," space ')} "]" space`;
    }
    const item = this.#named(`${hint}-item`, this.schema(node.items ?? {}, `${hint}-item`));
    const min = typeof node.minItems === 'number' ? node.minItems : 0;
    const max = typeof node.maxItems === 'number' ? node.maxItems : undefined;
    if (max === 0) return '"[" space "]" space';
    const more = `("," space ${item})${repeat(Math.max(min - 1, 0), max === undefined ? undefined : max - 1)}`;
    const list = `${item} ${more}`;
    return `"[" space ${min > 0 ? list : `(${list})?`} "]" space`;
  }

  #string(node: Schema): string {
    this.primitive('string');
    const min = typeof node.minLength === 'number' ? node.minLength : 0;
    const max = typeof node.maxLength === 'number' ? node.maxLength : undefined;
    if (min === 0 && max === undefined) return 'string';
    return `"\\"" char${repeat(min, max)} "\\"" space`;
  }

  #ref(reference: string): string {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(reference);
    const name = `ref-${sanitize(match?.[2] ?? reference)}`;
    if (this.#rules.has(name)) return name;
    const target = match === null ? undefined : asSchema(this.#root[match[1]!])[match[2]!];
    this.#rules.set(name, 'value');
    this.#rules.set(name, this.schema(target ?? {}, name));
    return name;
  }

  #alternatives(expressions: readonly string[]): string {
    return expressions.length === 0 ? this.primitive('value') : `(${expressions.join(' | ')})`;
  }

  /** Gives an expression its own rule, so that large schemas stay readable and rules are shared. */
  #named(hint: string, body: string): string {
    if (/^[a-z0-9-]+$/.test(body)) return body;
    let name = sanitize(hint);
    for (let i = 2; this.#rules.has(name) && this.#rules.get(name) !== body; i++)
      name = `${sanitize(hint)}-${i}`;
    this.#rules.set(name, body);
    return name;
  }
}

/** The grammar for a JSON Schema as a whole document. */
export function jsonSchemaToGbnf(schema: unknown): string {
  const builder = new GrammarBuilder(schema);
  return builder.build(builder.schema(schema, 'root-value'));
}

function repeat(min: number, max: number | undefined): string {
  if (max === undefined) return min === 0 ? '*' : `{${min},}`;
  return `{${min},${max}}`;
}

function inferType(node: Schema): string | undefined {
  if (node.properties !== undefined || node.additionalProperties !== undefined) return 'object';
  if (node.items !== undefined || node.prefixItems !== undefined) return 'array';
  return undefined;
}

function mergeAllOf(parts: readonly Schema[], node: Schema): Schema {
  const merged: Schema = { ...node, type: 'object', properties: {}, required: [] };
  delete merged.allOf;
  for (const part of parts) {
    Object.assign(merged.properties as Schema, asSchema(part.properties));
    const required: unknown[] = Array.isArray(part.required) ? part.required : [];
    (merged.required as unknown[]).push(...required);
  }
  return merged;
}

function asSchema(value: unknown): Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : {};
}

function sanitize(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'rule'
  );
}
