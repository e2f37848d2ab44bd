/** GET /v1/models and GET /v1/models/{id} — the public model list (ids may contain slashes). */
import { GatewayError } from '../../errors.ts';
import type { Router } from '../../router/router.ts';
import { isModelAllowed } from '../../tenancy/model-patterns.ts';
import type { Principal } from '../auth.ts';
import { sendJson } from '../exchange.ts';
import type { V1Routes } from '../v1-front.ts';

/**
 * The model-list routes of the /v1 front; `created` is the gateway's start time in seconds. A virtual key
 * sees only the models its patterns allow.
 */
export function modelsRoutes(router: Router, created: number): V1Routes {
  const describe = (id: string) => ({ id, object: 'model', created, owned_by: 'daulat' });
  const allowed = (principal: Principal, id: string): boolean =>
    principal.kind !== 'tenant' || isModelAllowed(principal.tenant.key.models, id);
  return {
    'GET /v1/models': async (exchange) => {
      const data = router
        .models()
        .filter((model) => allowed(exchange.principal, model.id))
        .map((model) => describe(model.id));
      sendJson(exchange, JSON.stringify({ object: 'list', data }));
    },
    'GET /v1/models/*': async (exchange) => {
      const id = exchange.wildcard;
      if (!router.resolve(id) || !allowed(exchange.principal, id))
        throw new GatewayError('model_not_found', `model '${id}' not found`, { param: 'model' });
      sendJson(exchange, JSON.stringify(describe(id)));
    },
  };
}
