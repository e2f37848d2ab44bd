import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  detectToolCallFormat,
  ToolCallParser,
  type ParsedPiece,
  type ToolCallFormat,
} from './tool-call-parser.ts';

function run(format: ToolCallFormat, chunks: readonly string[]): ParsedPiece[] {
  const parser = new ToolCallParser(format);
  const pieces = [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
  const merged: ParsedPiece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (piece.kind === 'text' && last?.kind === 'text')
      merged[merged.length - 1] = { kind: 'text', text: last.text + piece.text };
    else merged.push(piece);
  }
  return merged;
}

const weather = { kind: 'tool-call', name: 'get_weather', arguments: '{"city":"Jakarta"}' } as const;

describe('ToolCallParser', () => {
  it('reads a hermes block split at every position', () => {
    const text =
      'Checking.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Jakarta"}}\n</tool_call>';
    for (let i = 1; i < text.length; i++) {
      assert.deepEqual(run('hermes', [text.slice(0, i), text.slice(i)]), [
        { kind: 'text', text: 'Checking.\n' },
        weather,
      ]);
    }
  });

  it('reads several hermes calls in one answer', () => {
    const block = '<tool_call>{"name": "get_weather", "arguments": {"city": "Jakarta"}}</tool_call>';
    assert.deepEqual(run('hermes', [block + '\n' + block]), [weather, weather]);
  });

  it('gives back a hermes block that is not valid JSON as text', () => {
    assert.deepEqual(run('hermes', ['<tool_call>{oops}</tool_call>']), [
      { kind: 'text', text: '<tool_call>{oops}</tool_call>' },
    ]);
  });

  it('accepts a complete call whose closing tag never came', () => {
    assert.deepEqual(
      run('hermes', ['<tool_call>{"name": "get_weather", "arguments": {"city": "Jakarta"}}']),
      [weather],
    );
  });

  it('reads a llama 3 JSON answer, with or without the python tag', () => {
    assert.deepEqual(run('llama3-json', ['{"name": "get_weather", ', '"parameters": {"city": "Jakarta"}}']), [
      weather,
    ]);
    assert.deepEqual(
      run('llama3-json', ['<|python_tag|>{"name": "get_weather", "parameters": {"city": "Jakarta"}}']),
      [weather],
    );
  });

  it('streams a llama 3 plain answer as text at once', () => {
    const parser = new ToolCallParser('llama3-json');
    assert.deepEqual(parser.push('Hi'), [{ kind: 'text', text: 'Hi' }]);
    assert.deepEqual(parser.push(' there'), [{ kind: 'text', text: ' there' }]);
  });

  it('gives back llama 3 braces that are not a call as text', () => {
    assert.deepEqual(run('llama3-json', ['{"a": 1}']), [{ kind: 'text', text: '{"a": 1}' }]);
  });

  it('detects the format from the chat template', () => {
    assert.equal(detectToolCallFormat('{{- "<tool_call>\\n" }}'), 'hermes');
    assert.equal(detectToolCallFormat('{{- "<|python_tag|>" }}'), 'llama3-json');
    assert.equal(detectToolCallFormat('{{ messages }}'), 'none');
    assert.equal(detectToolCallFormat(undefined), 'none');
  });
});
