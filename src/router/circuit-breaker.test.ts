import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CircuitBreaker, type Admission, type BreakerState } from './circuit-breaker.ts';

/** One step: an action on the breaker, or advancing the clock, then the state expected afterwards. */
type Step =
  | { readonly do: 'fail' | 'succeed' | 'release-probe' | 'hold' | 'reset'; readonly state: BreakerState }
  | { readonly do: 'admit'; readonly admission: Admission; readonly state: BreakerState }
  | { readonly do: 'wait'; readonly ms: number; readonly state: BreakerState };

function run(steps: readonly Step[]): void {
  let now = 0;
  const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000, now: () => now });
  steps.forEach((step, index) => {
    const where = `step ${index} (${step.do})`;
    switch (step.do) {
      case 'fail':
        breaker.recordFailure();
        break;
      case 'succeed':
        breaker.recordSuccess();
        break;
      case 'release-probe':
        breaker.releaseProbe();
        break;
      case 'hold':
        breaker.hold();
        break;
      case 'reset':
        breaker.reset();
        break;
      case 'admit':
        assert.equal(breaker.admit(), step.admission, where);
        break;
      case 'wait':
        now += step.ms;
        break;
    }
    assert.equal(breaker.state, step.state, where);
  });
}

void describe('CircuitBreaker', () => {
  const cases: readonly { name: string; steps: Step[] }[] = [
    {
      name: 'stays closed below the failure threshold',
      steps: [
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'closed' },
        { do: 'admit', admission: 'pass', state: 'closed' },
      ],
    },
    {
      name: 'opens at the threshold and rejects during the cooldown',
      steps: [
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'open' },
        { do: 'admit', admission: 'reject', state: 'open' },
        { do: 'wait', ms: 999, state: 'open' },
      ],
    },
    {
      name: 'a success resets the consecutive count',
      steps: [
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'closed' },
        { do: 'succeed', state: 'closed' },
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'open' },
      ],
    },
    {
      name: 'half-open after the cooldown admits exactly one probe; its success closes',
      steps: [
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'open' },
        { do: 'wait', ms: 1_000, state: 'half-open' },
        { do: 'admit', admission: 'probe', state: 'half-open' },
        { do: 'admit', admission: 'reject', state: 'half-open' },
        { do: 'succeed', state: 'closed' },
        { do: 'admit', admission: 'pass', state: 'closed' },
      ],
    },
    {
      name: 'a failed probe reopens for a new cooldown',
      steps: [
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'open' },
        { do: 'wait', ms: 1_500, state: 'half-open' },
        { do: 'admit', admission: 'probe', state: 'half-open' },
        { do: 'fail', state: 'open' },
        { do: 'wait', ms: 999, state: 'open' },
        { do: 'wait', ms: 1, state: 'half-open' },
      ],
    },
    {
      name: 'a released probe lets the next request probe',
      steps: [
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'open' },
        { do: 'wait', ms: 1_000, state: 'half-open' },
        { do: 'admit', admission: 'probe', state: 'half-open' },
        { do: 'release-probe', state: 'half-open' },
        { do: 'admit', admission: 'probe', state: 'half-open' },
      ],
    },
    {
      name: 'ignores a stale success and failure while open',
      steps: [
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'closed' },
        { do: 'fail', state: 'open' },
        { do: 'succeed', state: 'open' },
        { do: 'wait', ms: 600, state: 'open' },
        { do: 'fail', state: 'open' },
        { do: 'wait', ms: 400, state: 'half-open' },
      ],
    },
    {
      name: 'held open by a health check until reset, whatever the cooldown',
      steps: [
        { do: 'hold', state: 'open' },
        { do: 'wait', ms: 10_000, state: 'open' },
        { do: 'admit', admission: 'reject', state: 'open' },
        { do: 'succeed', state: 'open' },
        { do: 'reset', state: 'closed' },
        { do: 'admit', admission: 'pass', state: 'closed' },
      ],
    },
  ];
  for (const { name, steps } of cases) void it(name, () => run(steps));

  void it('reports isAdmitting without claiming the probe', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10, now: () => now });
    breaker.recordFailure();
    assert.equal(breaker.isAdmitting, false);
    now = 10;
    assert.equal(breaker.isAdmitting, true);
    assert.equal(breaker.isAdmitting, true);
    assert.equal(breaker.admit(), 'probe');
    assert.equal(breaker.isAdmitting, false);
  });
});
