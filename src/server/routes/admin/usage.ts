/**
 * GET /admin/usage?team=&key=&purpose=&since=&until=: requests, tokens by class, cost, reference cost and
 * savings, guard-model calls included and split out; GET /admin/requests: the ledger rows themselves, newest
 * first (with content for keys that log it).
 * The admin sees any team; a team key sees only its own team (asking for another is refused).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../../../errors.ts';
import type { LedgerPurpose, Store } from '../../../store/store.ts';
import { durationMs } from '../../../tenancy/admin-input.ts';
import { requestView, usageView } from './views.ts';

interface UsageQuery {
  team?: string;
  key?: string;
  purpose?: string;
  since?: string;
  until?: string;
}

/** Registers the usage route on the /admin scope. */
export function registerAdminUsage(admin: FastifyInstance, store: Store): void {
  admin.get<{ Querystring: UsageQuery }>('/usage', async (request) => {
    const now = Date.now();
    const since = parseTime(request.query.since ?? '30d', now, 'since');
    const until = request.query.until === undefined ? now : parseTime(request.query.until, now, 'until');
    const team = visibleTeam(request, request.query.team);
    const purpose = parsePurpose(request.query.purpose);
    const report = await store.usage({
      since,
      until,
      ...(team === undefined ? {} : { team }),
      ...(request.query.key === undefined ? {} : { keyId: request.query.key }),
      ...(purpose === undefined ? {} : { purpose }),
    });
    return usageView(report, { team: team ?? null, since, until });
  });

  admin.get<{ Querystring: UsageQuery & { limit?: string } }>('/requests', async (request) => {
    const now = Date.now();
    const team = visibleTeam(request, request.query.team);
    const limit = Number(request.query.limit ?? '100');
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      throw new GatewayError('invalid_request', `'limit': expected 1 to 10000`, { param: 'limit' });
    const purpose = parsePurpose(request.query.purpose);
    const entries = await store.ledgerEntries({
      since: parseTime(request.query.since ?? '1d', now, 'since'),
      ...(request.query.until === undefined ? {} : { until: parseTime(request.query.until, now, 'until') }),
      ...(team === undefined ? {} : { team }),
      ...(request.query.key === undefined ? {} : { keyId: request.query.key }),
      ...(purpose === undefined ? {} : { purpose }),
      limit,
    });
    return { object: 'list', data: entries.map(requestView) };
  });
}

/** The team whose usage the caller may read: any for the admin, only its own for a team key. */
function visibleTeam(request: FastifyRequest, asked: string | undefined): string | undefined {
  const principal = request.principal;
  if (principal?.kind === 'admin') return asked;
  if (principal?.kind !== 'tenant')
    throw new GatewayError('admin_key_required', 'this route needs the admin key');
  const own = principal.tenant.key.team;
  if (asked !== undefined && asked !== own) {
    throw new GatewayError(
      'admin_key_required',
      `a key of team '${own}' may not read team '${asked}'s usage`,
    );
  }
  return own;
}

/** `?purpose=request` (clients' requests) or `guard` (guard-model calls); both when absent. */
function parsePurpose(text: string | undefined): LedgerPurpose | undefined {
  if (text === undefined || text === 'request' || text === 'guard') return text;
  throw new GatewayError('invalid_request', `'purpose': expected 'request' or 'guard'`, { param: 'purpose' });
}

/** `30d`, `12h`, `90m`, `2w` ago, or an ISO date/time. */
export function parseTime(text: string, now: number, param: string): number {
  const relative = durationMs(text);
  if (relative !== undefined) return now - relative;
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed))
    throw new GatewayError(
      'invalid_request',
      `'${param}': expected a duration such as '30d' or an ISO date`,
      { param },
    );
  return parsed;
}
