import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLuhnValid, luhnCheckDigit } from './luhn.ts';

describe('luhn', () => {
  it('computes and checks the mod-10 check digit', () => {
    assert.equal(luhnCheckDigit('7992739871'), 3);
    assert.equal(isLuhnValid('79927398713'), true);
    assert.equal(isLuhnValid('79927398710'), false);
    assert.equal(isLuhnValid('0'), false);
  });
});
