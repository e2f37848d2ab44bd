/** /admin/keys: create (the key is shown once), list, show and revoke virtual keys. */
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../errors.ts';
import type { Store } from '../../../store/store.ts';
import { createKeySchema } from '../../../tenancy/admin-input.ts';
import type { Tenancy } from '../../../tenancy/tenancy.ts';
import { requireAdmin } from '../../auth.ts';
import { parseBody } from '../../decoders/openai-fields.ts';
import { keyView } from './views.ts';

/** Registers the key routes on the /admin scope. */
export function registerAdminKeys(admin: FastifyInstance, store: Store, tenancy: Tenancy): void {
  admin.post('/keys', async (request, reply) => {
    requireAdmin(request);
    const input = parseBody(createKeySchema, request.body);
    const { record, key } = await tenancy.createKey(input, 'admin');
    return reply.code(201).send({ ...keyView(record, Date.now()), key });
  });

  admin.get<{ Querystring: { team?: string } }>('/keys', async (request) => {
    requireAdmin(request);
    const keys = await store.listKeys(request.query.team === undefined ? {} : { team: request.query.team });
    const now = Date.now();
    return { object: 'list', data: keys.map((key) => keyView(key, now)) };
  });

  admin.get<{ Params: { id: string } }>('/keys/:id', async (request) => {
    requireAdmin(request);
    const key = await store.findKey(request.params.id);
    if (key === undefined) throw new GatewayError('key_not_found', `no key '${request.params.id}'`);
    return keyView(key, Date.now());
  });

  admin.delete<{ Params: { id: string } }>('/keys/:id', async (request) => {
    requireAdmin(request);
    const key = await tenancy.revokeKey(request.params.id, 'admin');
    return keyView(key, Date.now());
  });
}
