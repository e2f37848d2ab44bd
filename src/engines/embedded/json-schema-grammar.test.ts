import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getLlama, LlamaGrammar, type Llama } from 'node-llama-cpp';
import { jsonSchemaToGbnf } from './json-schema-grammar.ts';
import { toolCallGrammar } from './tool-call-grammar.ts';

const weatherSchema = {
  type: 'object',
  properties: {
    city: { type: 'string', maxLength: 40 },
    unit: { enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer' },
  },
  required: ['city'],
};

describe('jsonSchemaToGbnf', () => {
  let llama: Llama;
  before(async () => {
    llama = await getLlama({ gpu: false, build: 'never', maxThreads: 1 });
  });
  after(async () => {
    await llama.dispose();
  });

  /** llama.cpp parses the grammar (a bad grammar throws). */
  function compiles(gbnf: string): void {
    assert.doesNotThrow(() => new LlamaGrammar(llama, { grammar: gbnf }), gbnf);
  }

  it('writes required properties first and each optional one as optional, in order', () => {
    const gbnf = jsonSchemaToGbnf(weatherSchema);
    compiles(gbnf);
    assert.match(gbnf, /^root ::= "\{" space root-value-city-kv root-value-tail-0 "\}" space$/m);
    assert.match(gbnf, /^root-value-tail-0 ::= \("," space root-value-unit-kv\)\? root-value-tail-1$/m);
    assert.match(gbnf, /^root-value-tail-1 ::= \("," space root-value-days-kv\)\?$/m);
    assert.match(
      gbnf,
      /^root-value-city-kv ::= "\\"city\\"" space ":" space "\\"" char\{0,40\} "\\"" space$/m,
    );
  });

  it('lets an object with only optional properties be empty or start at any property', () => {
    const gbnf = jsonSchemaToGbnf({
      type: 'object',
      properties: { a: { type: 'boolean' }, b: { type: 'null' } },
    });
    compiles(gbnf);
    assert.match(gbnf, /^root ::= "\{" space \(root-value-first-0\)\? "\}" space$/m);
    assert.match(gbnf, /^root-value-first-0 ::= root-value-a-kv root-value-tail-1 \| root-value-b-kv$/m);
  });

  it('handles arrays with bounds, tuples, unions, const, $ref and recursion', () => {
    const schema = {
      $defs: {
        node: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } },
        },
      },
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
        pair: { prefixItems: [{ type: 'number' }, { type: 'boolean' }] },
        either: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        nullable: { type: ['integer', 'null'] },
        kind: { const: 'tree' },
        tree: { $ref: '#/$defs/node' },
      },
      required: ['tags', 'pair', 'either', 'nullable', 'kind', 'tree'],
    };
    const gbnf = jsonSchemaToGbnf(schema);
    compiles(gbnf);
    assert.match(gbnf, /"\[" space string \("," space string\)\{0,2\} "\]"/);
    assert.match(gbnf, /"\\"tree\\"" space/);
    assert.match(gbnf, /^ref-node ::= /m);
  });

  it('accepts any JSON value for an empty schema and any object for type object', () => {
    compiles(jsonSchemaToGbnf({}));
    assert.match(jsonSchemaToGbnf({}), /^root ::= value$/m);
    assert.match(jsonSchemaToGbnf({ type: 'object' }), /^root ::= object$/m);
  });

  it('forces a hermes or llama 3 tool call with the parameters schema', () => {
    const tools = [
      { type: 'function' as const, function: { name: 'get_weather', parameters: weatherSchema } },
      { type: 'function' as const, function: { name: 'noop' } },
    ];
    const hermes = toolCallGrammar('hermes', tools);
    compiles(hermes);
    assert.match(
      hermes,
      /^root ::= "<tool_call>\\n" \("\{\\"name\\": \\"get_weather\\", \\"arguments\\": " tool0-root "\}" \| .*tool1-root "\}"\) "\\n<\/tool_call>"$/m,
    );
    assert.match(
      hermes,
      /^tool0-root ::= "\{" tool0-space tool0-args-city-kv tool0-args-tail-0 "\}" tool0-space$/m,
    );
    const llama3 = toolCallGrammar('llama3-json', tools.slice(0, 1));
    compiles(llama3);
    assert.match(llama3, /\\"parameters\\": /);
  });
});
