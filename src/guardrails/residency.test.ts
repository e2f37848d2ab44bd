import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guardrailsSchema } from '../config/guardrails-schema.ts';
import { resolvePolicy } from './policy.ts';
import { deniedClass, requestDataClasses } from './residency.ts';

const config = guardrailsSchema.parse({
  residency: {
    national_id: ['on-prem', 'id-*'],
    personal: ['on-prem'],
    health: ['on-prem'],
    redact_then_egress: ['personal'],
  },
});
const thresholds = { direct: 0.9, indirect: 0.5 };
const policyAt = (location: string) => resolvePolicy(config, location, undefined, thresholds);

describe('residency', () => {
  it('keeps a class to its listed locations, with * patterns', () => {
    const classes = new Set(['national_id']);
    assert.equal(deniedClass(config.residency, classes, classes, 'on-prem', policyAt('on-prem')), undefined);
    assert.equal(
      deniedClass(config.residency, classes, classes, 'id-jakarta', policyAt('id-jakarta')),
      undefined,
    );
    assert.equal(deniedClass(config.residency, classes, classes, 'sg', policyAt('sg')), 'national_id');
  });

  it('lets a redact_then_egress class leave only when the policy redacts it', () => {
    const classes = new Set(['personal']);
    assert.equal(deniedClass(config.residency, classes, classes, 'us', policyAt('us')), undefined);
    const flagging = resolvePolicy(config, 'us', { input: { pii: 'flag' } }, thresholds);
    assert.equal(deniedClass(config.residency, classes, classes, 'us', flagging), 'personal');
  });

  it('never redacts a declared class away, and lets unlisted classes go anywhere', () => {
    const declared = requestDataClasses(new Set(), 'Health, payroll');
    assert.deepEqual([...declared], ['health', 'payroll']);
    assert.equal(deniedClass(config.residency, declared, new Set(), 'us', policyAt('us')), 'health');
    assert.equal(
      deniedClass(config.residency, new Set(['payroll']), new Set(), 'us', policyAt('us')),
      undefined,
    );
  });

  it("resolves pii 'auto' to redact off-prem and flag on-prem", () => {
    assert.equal(policyAt('us').input.pii, 'redact');
    assert.equal(policyAt('on-prem').input.pii, 'flag');
    assert.equal(policyAt('on-prem').input.injection.threshold, 0.9);
  });
});
