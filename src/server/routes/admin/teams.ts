/** /admin/teams: list, show and set a team's limits and reference model. */
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../errors.ts';
import type { Store } from '../../../store/store.ts';
import { putTeamSchema, teamNameSchema } from '../../../tenancy/admin-input.ts';
import type { Tenancy } from '../../../tenancy/tenancy.ts';
import { requireAdmin } from '../../auth.ts';
import { parseBody } from '../../decoders/openai-fields.ts';
import { teamView } from './views.ts';

/** Registers the team routes on the /admin scope. */
export function registerAdminTeams(admin: FastifyInstance, store: Store, tenancy: Tenancy): void {
  admin.get('/teams', async (request) => {
    requireAdmin(request);
    return { object: 'list', data: (await store.listTeams()).map(teamView) };
  });

  admin.get<{ Params: { name: string } }>('/teams/:name', async (request) => {
    requireAdmin(request);
    const team = await store.getTeam(request.params.name);
    if (team === undefined) throw new GatewayError('team_not_found', `no team '${request.params.name}'`);
    return teamView(team);
  });

  admin.put<{ Params: { name: string } }>('/teams/:name', async (request) => {
    requireAdmin(request);
    const name = teamNameSchema.safeParse(request.params.name);
    if (!name.success)
      throw new GatewayError('invalid_request', `invalid team name '${request.params.name}'`, {
        param: 'name',
      });
    const input = parseBody(putTeamSchema, request.body);
    return teamView(await tenancy.putTeam(name.data, input, 'admin'));
  });
}
