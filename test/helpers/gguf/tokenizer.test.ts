import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { preTokenize } from './bpe-trainer.ts';
import { fromTokenText, toTokenText } from './byte-level.ts';
import { PRESETS } from './presets.ts';
import { buildVocabulary, TokenType, Tokenizer } from './tokenizer.ts';

const qwen = PRESETS['tiny-qwen2'].tokenizer;
const vocabulary = buildVocabulary({ size: 1000, pre: qwen.pre, specials: qwen.specials });
const tokenizer = new Tokenizer(vocabulary);

describe('byte-level text', () => {
  it('spells every byte as one printable character, as GPT-2 does', () => {
    assert.equal(toTokenText(' hello\n'), 'ĠhelloĊ');
    assert.equal(fromTokenText(toTokenText('Selamat pagi 😀')).toString('utf8'), 'Selamat pagi 😀');
  });
});

describe('buildVocabulary', () => {
  it('has exactly the requested size, unique tokens, and the specials last with their types', () => {
    assert.equal(vocabulary.tokens.length, 1000);
    assert.equal(new Set(vocabulary.tokens).size, 1000);
    assert.equal(vocabulary.tokens.at(-1), '<|file_sep|>');
    assert.equal(vocabulary.types[tokenizer.tokenId('<|im_end|>')!], TokenType.control);
    assert.equal(vocabulary.types[tokenizer.tokenId('<tool_call>')!], TokenType.userDefined);
  });

  it('learns merges from the corpus, each producing a token in the vocabulary', () => {
    const tokens = new Set(vocabulary.tokens);
    assert.ok(vocabulary.merges.length > 500);
    for (const merge of vocabulary.merges) assert.ok(tokens.has(merge.replace(' ', '')), merge);
    assert.ok(tokens.has('Ġthe') && tokens.has('Ġyang'));
  });

  it('is the same every time', () => {
    assert.deepEqual(buildVocabulary({ size: 1000, pre: qwen.pre, specials: qwen.specials }), vocabulary);
  });

  it('adds extra tokens once, reusing tokens and specials that already exist', () => {
    const extras = ['<tool_call>', ' the', '{"city": "Jakarta"}', '{"city": "Jakarta"}'];
    const extended = buildVocabulary({
      size: 1000,
      pre: qwen.pre,
      specials: qwen.specials,
      extraTokens: extras,
    });
    assert.equal(extended.tokens.length, 1000);
    assert.equal(extended.tokens.filter((token) => token === toTokenText('{"city": "Jakarta"}')).length, 1);
    assert.equal(extended.tokens.filter((token) => token === '<tool_call>').length, 1);
  });

  it('pads a large vocabulary with decodable word tokens', () => {
    const large = buildVocabulary({ size: 20_000, pre: 'qwen2', specials: qwen.specials });
    assert.equal(large.tokens.length, 20_000);
    assert.equal(new Set(large.tokens).size, 20_000);
    assert.match(fromTokenText(large.tokens[15_000]!).toString('utf8'), /^ ?\p{L}+$/u);
  });
});

describe('Tokenizer', () => {
  it('round-trips English, Indonesian and emoji text', () => {
    const text = 'The weather in Jakarta is hot. Cuaca di Jakarta panas sekali! 😀🇮🇩 naïve café 12345';
    assert.equal(tokenizer.decode(tokenizer.encode(text)), text);
  });

  it('recognises control tokens only when asked, and user-defined tokens always', () => {
    const text = '<|im_start|>user\n<tool_call>';
    const withSpecials = tokenizer.encode(text, true);
    assert.equal(withSpecials[0], tokenizer.tokenId('<|im_start|>'));
    assert.equal(withSpecials.at(-1), tokenizer.tokenId('<tool_call>'));
    const plain = tokenizer.encode(text, false);
    assert.notEqual(plain[0], tokenizer.tokenId('<|im_start|>'));
    assert.equal(plain.at(-1), tokenizer.tokenId('<tool_call>'));
    assert.equal(tokenizer.decode(withSpecials, true), text);
    assert.equal(tokenizer.decode(withSpecials, false), 'user\n<tool_call>');
  });

  it('splits digits one by one for qwen2 and in threes for llama-bpe, as llama.cpp does', () => {
    assert.deepEqual(preTokenize('Rp 1234567', 'qwen2'), ['Rp', ' ', '1', '2', '3', '4', '5', '6', '7']);
    assert.deepEqual(preTokenize('Rp 1234567', 'llama-bpe'), ['Rp', ' ', '123', '456', '7']);
    assert.deepEqual(preTokenize("it's done\n\n", 'qwen2'), ['it', "'s", ' done', '\n\n']);
  });
});
