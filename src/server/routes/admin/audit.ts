/** GET /admin/audit (entries in order, paged by `after`) and GET /admin/audit/verify (the chain check). */
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../errors.ts';
import { verifyChain } from '../../../store/audit-chain.ts';
import type { Store } from '../../../store/store.ts';
import { requireAdmin } from '../../auth.ts';
import { auditView } from './views.ts';

/** Registers the audit routes on the /admin scope. */
export function registerAdminAudit(admin: FastifyInstance, store: Store): void {
  admin.get<{ Querystring: { after?: string; limit?: string } }>('/audit', async (request) => {
    requireAdmin(request);
    const after = nonNegative(request.query.after ?? '0', 'after');
    const limit = Math.min(nonNegative(request.query.limit ?? '100', 'limit'), 10_000);
    const entries = await store.listAudit({ afterSeq: after, limit });
    return { object: 'list', data: entries.map(auditView), has_more: entries.length === limit };
  });

  admin.get('/audit/verify', async (request) => {
    requireAdmin(request);
    const entries = await store.listAudit();
    return verifyChain(entries.map((entry) => ({ ...entry, details: JSON.stringify(entry.details) })));
  });
}

function nonNegative(text: string, param: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new GatewayError('invalid_request', `'${param}': expected a whole number`, { param });
  return value;
}
