import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { readCorpus } from './corpus-file.ts';
import { defineRule, RULE_REACH } from './injection-rule.ts';
import { createRuleGate } from './rule-gate.ts';
import { normalizeForMatching } from './normalize.ts';
import { INJECTION_RULES, matchRules } from './rules.ts';
import { collectViews } from './screening-views.ts';

const CORPUS = new URL('./corpus/', import.meta.url);

void describe('createRuleGate', () => {
  const rules = [
    defineRule('t.one', 'instruction_override', 'en', 0.9, ['ignore'], String.raw`\bignore\b`),
    defineRule('t.two', 'prompt_extraction', 'en', 0.9, ['prompt', 'instruct'], String.raw`\bprompt\b`),
    defineRule('t.three', 'fake_turn', 'any', 0.9, ['<|'], String.raw`<\|`),
  ];
  const gate = createRuleGate(rules);
  const ids = (text: string): string[] => gate.candidates(text).map((rule) => rule.id);

  void it('wakes only the rules whose anchors occur, in rule order', () => {
    assert.deepEqual(ids('please ignore the prompt'), ['t.one', 't.two']);
    assert.deepEqual(ids('instructions <|im_start|>'), ['t.two', 't.three']);
    assert.deepEqual(ids('nothing to see here'), []);
  });

  void it('reads a leet l, which the normaliser turns into i, as l', () => {
    const gateWithL = createRuleGate([defineRule('t.l', 'roleplay_persona', 'en', 0.9, ['evil'], 'evil')]);
    assert.equal(gateWithL.candidates('evii').length, 1);
  });

  void it('finds overlapping anchors', () => {
    const overlapping = createRuleGate([
      defineRule('t.a', 'fake_turn', 'any', 0.9, ['abc'], 'abc'),
      defineRule('t.b', 'fake_turn', 'any', 0.9, ['bcd'], 'bcd'),
      defineRule('t.c', 'fake_turn', 'any', 0.9, ['b'], 'b'),
    ]);
    assert.deepEqual(
      overlapping.candidates('xabcdx').map((rule) => rule.id),
      ['t.a', 't.b', 't.c'],
    );
  });

  void it('never hides a rule that matches any view of any corpus text', () => {
    const gateForAll = createRuleGate(INJECTION_RULES);
    const files = readdirSync(CORPUS).filter((name) => name.endsWith('.jsonl'));
    for (const file of files) {
      for (const example of readCorpus(new URL(file, CORPUS).pathname)) {
        for (const view of collectViews(example.text)) {
          const text = view.normalized.text;
          const woken = new Set(gateForAll.candidates(text));
          for (const rule of INJECTION_RULES) {
            rule.pattern.lastIndex = 0;
            if (rule.pattern.test(text))
              assert.ok(woken.has(rule), `${rule.id} hidden on ${JSON.stringify(text)}`);
          }
        }
      }
    }
  });

  void it('finds the same matches on the slices around anchors as on the whole of a long text', () => {
    const texts = readCorpus(new URL('test.jsonl', CORPUS).pathname).map((example) => example.text);
    for (let round = 0; round < 4; round += 1) {
      let long = '';
      for (let index = round * 211; long.length < 40_000; index += 7)
        long += `${texts[index % texts.length]}\n\n`;
      const text = normalizeForMatching(long).text;
      const key = (match: { rule: { id: string }; start: number; end: number; score: number }): string =>
        `${match.rule.id}@${match.start}-${match.end}:${match.score}`;
      assert.deepEqual(
        matchRules(text).map(key).sort(),
        matchRules(text, INJECTION_RULES, { wholeText: true }).map(key).sort(),
      );
    }
  });

  void it('never sees a match as long as the reach the slices assume', () => {
    for (const example of readCorpus(new URL('train.jsonl', CORPUS).pathname)) {
      for (const match of matchRules(normalizeForMatching(example.text).text)) {
        assert.ok(match.end - match.start < RULE_REACH - 100, `${match.rule.id}: ${match.end - match.start}`);
      }
    }
  });
});
