import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GGUF_TYPE } from './gguf-structure.ts';
import { findVocabularyFaults, type VocabularyInput } from './vocabulary-faults.ts';

const tokens = ['a', 'b', 'c', 'ab'];

function input(
  overrides: Partial<VocabularyInput> = {},
  arrays: [string, number, number][] = [],
): VocabularyInput {
  return {
    model: 'gpt2',
    tokens,
    arrays: new Map([
      ['tokenizer.ggml.tokens', { elementType: GGUF_TYPE.string, length: tokens.length }],
      ['tokenizer.ggml.token_type', { elementType: GGUF_TYPE.int32, length: tokens.length }],
      ...arrays.map(([key, elementType, length]) => [key, { elementType, length }] as const),
    ]),
    embeddingRows: tokens.length,
    ...overrides,
  };
}

describe('findVocabularyFaults', () => {
  const cases: [string, VocabularyInput, RegExp | undefined][] = [
    ['a sound vocabulary', input(), undefined],
    [
      'no vocabulary at all (tokenizer model none)',
      input({ model: 'none', tokens: undefined, arrays: new Map() }),
      undefined,
    ],
    [
      'a repeated token string',
      input({ tokens: ['a', 'b', 'a', 'ab'] }),
      /repeats 1 token string\(s\): "a" \(ids 0 and 2\)/,
    ],
    [
      'many repeated strings, summarised',
      input({ tokens: ['x', 'x', 'x', 'x', 'x'] }),
      /repeats 4 .* and 1 more/,
    ],
    ['a missing tokenizer model', input({ model: undefined }), /tokenizer\.ggml\.model is missing/],
    ['missing tokens', input({ arrays: new Map() }), /tokenizer\.ggml\.tokens is missing/],
    [
      'tokens that are not strings',
      input({ arrays: new Map([['tokenizer.ggml.tokens', { elementType: GGUF_TYPE.int32, length: 4 }]]) }),
      /holds int32, not strings/,
    ],
    [
      'an empty vocabulary',
      input({ arrays: new Map([['tokenizer.ggml.tokens', { elementType: GGUF_TYPE.string, length: 0 }]]) }),
      /is empty/,
    ],
    [
      'scores shorter than the vocabulary',
      input({}, [['tokenizer.ggml.scores', GGUF_TYPE.float32, 3]]),
      /scores has 3 entries but the vocabulary has 4/,
    ],
    [
      'token types of the wrong width',
      input({}, [['tokenizer.ggml.token_type', GGUF_TYPE.uint8, 4]]),
      /token_type holds uint8, not int32/,
    ],
    [
      'merges that are not strings',
      input({}, [['tokenizer.ggml.merges', GGUF_TYPE.uint32, 9]]),
      /merges holds uint32, not string/,
    ],
    [
      'an embedding matrix of another size',
      input({ embeddingRows: 5 }),
      /token_embd\.weight has 5 rows but the vocabulary has 4/,
    ],
  ];
  for (const [name, vocabulary, expected] of cases) {
    it(expected ? `rejects ${name}` : `accepts ${name}`, () => {
      const faults = findVocabularyFaults(vocabulary);
      if (expected === undefined) assert.deepEqual(faults, []);
      else assert.match(faults.join('; '), expected);
    });
  }
});
