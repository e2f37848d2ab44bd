import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../config/load.ts';
import type { ChatRequest, Engine } from '../engines/engine.ts';
import type { Route } from '../router/router.ts';
import { ClientSignal } from '../client-signal.ts';
import { createGuardStage, type KeyGuardrails } from './guard-stage.ts';
import { mockDeployment } from '../../test/helpers/gateway.ts';

const config = parseConfig({
  deployments: [mockDeployment('local', 'http://127.0.0.1:9/v1', { location: 'on-prem' })],
});
const route: Route = {
  model: 'test-model',
  strategy: 'priority',
  targets: [{ deployment: config.deployments[0]!, engine: {} as Engine, upstreamModel: 'test-model' }],
};
const TOKEN = `ghp_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`;
const request: ChatRequest = {
  model: 'test-model',
  stream: false,
  includeUsage: false,
  extra: {},
  messages: [{ role: 'user', content: `deploy with ${TOKEN}` }],
};

function key(id: string, version: number, secrets: 'block' | 'off'): KeyGuardrails {
  return { id, version, overrides: { input: { secrets } } };
}

const outcomeStage = createGuardStage(config);

/** What the stage does with the request under `guardrails`: blocks it, or sends the upstream this text. */
function outcome(guardrails: KeyGuardrails | undefined): string {
  const stage = outcomeStage;
  const guarded = stage.prepare(request, route, {
    declaredClasses: undefined,
    signal: new ClientSignal(),
    key: guardrails,
  });
  assert.ok(guarded !== undefined);
  try {
    const sent = guarded.requestFor(guarded.route.targets[0]!).messages[0]!.content as string;
    return sent.includes(TOKEN) ? 'sent as is' : 'redacted';
  } catch (error) {
    return (error as { code?: string }).code ?? 'thrown';
  }
}

describe('the guard stage with keys of their own policy', () => {
  it("applies each key's overrides, kept with its overrides object, and a replaced key's new ones at once", () => {
    assert.equal(outcome(undefined), 'redacted', "the deployment's default policy redacts the secret");
    const strict = key('k1', 1, 'block');
    const lenient = key('k2', 1, 'off');
    for (let round = 0; round < 3; round++) {
      assert.equal(outcome(strict), 'content_blocked');
      assert.equal(outcome(lenient), 'sent as is');
      assert.equal(outcome(undefined), 'redacted');
    }
    // The same key id, replaced with other overrides (a new record, so a new object): the new policy holds.
    assert.equal(outcome(key('k1', 2, 'off')), 'sent as is');
    assert.equal(outcome(strict), 'content_blocked');
  });
});
