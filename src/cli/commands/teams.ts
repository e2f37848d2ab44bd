/** `daulat teams list|set`: teams and their limits, budget and reference model, through the admin API. */
import type { Command } from 'commander';
import { adminCall, runAdmin, withConnection, type AdminConnection } from '../admin-client.ts';
import { parseInteger } from '../parse.ts';
import { formatTable } from '../table.ts';

interface TeamView {
  name: string;
  rpm: number | null;
  tpm: number | null;
  budget: { usd: number; period: string } | null;
  reference_model: string | null;
}

interface SetOptions extends AdminConnection {
  readonly rpm?: number;
  readonly tpm?: number;
  readonly budget?: string;
  readonly reference?: string;
}

/** Registers `daulat teams`. */
export function registerTeams(program: Command): void {
  const teams = program.command('teams').description('manage teams (admin API)');
  withConnection(teams.command('list').description('list teams and their limits')).action(
    (options: AdminConnection) =>
      runAdmin(async () => {
        const { data } = await adminCall<{ data: TeamView[] }>(options, 'GET', '/admin/teams');
        process.stdout.write(`${teamTable(data)}\n`);
      }),
  );
  withConnection(
    teams
      .command('set')
      .description('create a team or change its limits')
      .argument('<name>', 'the team')
      .option('--rpm <n>', 'requests per minute for the whole team', parseInteger)
      .option('--tpm <n>', 'tokens per minute for the whole team', parseInteger)
      .option('--budget <usd/period>', "a USD budget such as '500/month'")
      .option('--reference <model>', 'the proprietary model its savings are measured against'),
  ).action((name: string, options: SetOptions) =>
    runAdmin(async () => {
      const team = await adminCall<TeamView>(options, 'PUT', `/admin/teams/${encodeURIComponent(name)}`, {
        ...(options.rpm === undefined ? {} : { rpm: options.rpm }),
        ...(options.tpm === undefined ? {} : { tpm: options.tpm }),
        ...(options.budget === undefined ? {} : { budget: options.budget }),
        ...(options.reference === undefined ? {} : { reference_model: options.reference }),
      });
      process.stdout.write(`${teamTable([team])}\n`);
    }),
  );
}

function teamTable(teams: readonly TeamView[]): string {
  if (teams.length === 0) return 'no teams yet: `daulat keys create --team NAME` creates one';
  return formatTable([
    ['TEAM', 'RPM', 'TPM', 'BUDGET', 'REFERENCE'],
    ...teams.map((team) => [
      team.name,
      team.rpm === null ? '-' : String(team.rpm),
      team.tpm === null ? '-' : String(team.tpm),
      team.budget === null ? '-' : `${team.budget.usd}/${team.budget.period}`,
      team.reference_model ?? '(default)',
    ]),
  ]);
}
