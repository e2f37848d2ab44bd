/**
 * GET /admin/audit (entries in order, paged by `after`), GET /admin/audit/head (the anchor to record
 * elsewhere) and GET /admin/audit/verify (the chain check, with the gateway's audit key and an optional anchor).
 */
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../errors.ts';
import { GENESIS_HASH, parseAnchor, type ChainVerdict } from '../../../store/audit-chain.ts';
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

  admin.get('/audit/head', async (request) => {
    requireAdmin(request);
    const head = await store.auditHead();
    if (head === undefined) return { seq: 0, hash: GENESIS_HASH, at: null };
    return { seq: head.seq, hash: head.hash, at: new Date(head.at).toISOString() };
  });

  admin.get<{ Querystring: { anchor?: string } }>('/audit/verify', async (request) => {
    requireAdmin(request);
    const text = request.query.anchor;
    const anchor = text === undefined ? undefined : parseAnchor(text);
    if (text !== undefined && anchor === undefined) {
      throw new GatewayError(
        'invalid_request',
        `'anchor': expected <seq>:<hash> as \`daulat audit head\` prints it, got '${text}'`,
        { param: 'anchor' },
      );
    }
    return verdictView(await store.verifyAudit(anchor));
  });
}

function verdictView(verdict: ChainVerdict) {
  if (!verdict.ok) return verdict;
  const { keyedFrom, ...rest } = verdict;
  return { ...rest, keyed_from: keyedFrom };
}

function nonNegative(text: string, param: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new GatewayError('invalid_request', `'${param}': expected a whole number`, { param });
  return value;
}
