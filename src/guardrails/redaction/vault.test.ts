import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeholderLabel } from './placeholder-label.ts';
import { createVault } from './vault.ts';

describe('RedactionVault', () => {
  it('restores known placeholders and leaves unknown bracketed words alone', () => {
    const vault = createVault();
    const placeholder = vault.placeholderFor('phone', '081234567890');
    assert.equal(placeholder, '[PHONE_1]');
    assert.equal(
      vault.restore('call [PHONE_1] or [PHONE_2] [note]'),
      'call 081234567890 or [PHONE_2] [note]',
    );
  });

  it('encodes originals on the way back, e.g. for JSON tool arguments', () => {
    const vault = createVault();
    vault.placeholderFor('password', 'a"b\\c');
    const encode = (original: string): string => JSON.stringify(original).slice(1, -1);
    const restored = vault.restore('{"password":"[PASSWORD_1]"}', encode);
    assert.deepEqual(JSON.parse(restored), { password: 'a"b\\c' });
  });

  it('knows the proper prefixes of its placeholders', () => {
    const vault = createVault();
    vault.placeholderFor('id_nik', '3171011708450001');
    assert.equal(vault.isPlaceholderPrefix('[NI'), true);
    assert.equal(vault.isPlaceholderPrefix('[NIK_1'), true);
    assert.equal(vault.isPlaceholderPrefix('[NIK_1]'), false);
    assert.equal(vault.isPlaceholderPrefix('[EM'), false);
  });

  it('holds nothing, restores nothing and knows no prefix before its first redaction', () => {
    const vault = createVault();
    assert.equal(vault.size, 0);
    assert.equal(vault.restore('see [PHONE_1]'), 'see [PHONE_1]');
    assert.equal(vault.isPlaceholderPrefix('['), false);
    assert.equal(vault.placeholderFor('phone', '081234567890'), '[PHONE_1]');
    assert.equal(vault.placeholderFor('phone', '081234567890'), '[PHONE_1]');
    assert.equal(vault.size, 1);
  });
});

describe('placeholderLabel', () => {
  it('uses short labels and upper-cases the rest', () => {
    assert.equal(placeholderLabel('id_nik'), 'NIK');
    assert.equal(placeholderLabel('ip_address'), 'IP');
    assert.equal(placeholderLabel('generic_secret'), 'SECRET');
    assert.equal(placeholderLabel('aws_access_key'), 'AWS_ACCESS_KEY');
    assert.equal(placeholderLabel('x-custom.thing'), 'X_CUSTOM_THING');
    assert.equal(placeholderLabel('9lives'), 'X9LIVES');
  });
});
