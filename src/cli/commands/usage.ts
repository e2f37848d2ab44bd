/** `daulat usage [--team T] [--since 30d]`: requests, tokens, cost and savings from the admin API. */
import type { Command } from 'commander';
import { adminCall, runAdmin, withConnection, type AdminConnection } from '../admin-client.ts';
import { formatTable } from '../table.ts';

interface Totals {
  requests: number;
  errors: number;
  tokens: { input: number; cached_input: number; output: number; reasoning: number };
  cost_usd: number;
  reference_cost_usd: number;
  savings_usd: number;
}

interface UsageView extends Totals {
  team: string | null;
  since: string;
  until: string;
  by_model: (Totals & { model: string })[];
}

interface UsageOptions extends AdminConnection {
  readonly team?: string;
  readonly key?: string;
  readonly since: string;
  readonly until?: string;
  readonly json?: boolean;
}

/** Registers `daulat usage`. */
export function registerUsage(program: Command): void {
  withConnection(
    program
      .command('usage')
      .description('usage, cost and savings against the reference model (admin API)')
      .option('--team <team>', 'one team (a team key sees only its own)')
      .option('--key <id>', 'one key')
      .option('--since <when>', "start: a duration ago such as '30d', or an ISO date", '30d')
      .option('--until <when>', 'end (default: now)')
      .option('--json', 'print as JSON'),
  ).action((options: UsageOptions) =>
    runAdmin(async () => {
      const query = new URLSearchParams({ since: options.since });
      if (options.team !== undefined) query.set('team', options.team);
      if (options.key !== undefined) query.set('key', options.key);
      if (options.until !== undefined) query.set('until', options.until);
      const usage = await adminCall<UsageView>(options, 'GET', `/admin/usage?${query.toString()}`);
      process.stdout.write(options.json ? `${JSON.stringify(usage, null, 2)}\n` : `${usageReport(usage)}\n`);
    }),
  );
}

function usageReport(usage: UsageView): string {
  const row = (name: string, totals: Totals) => [
    name,
    String(totals.requests),
    String(totals.errors),
    String(totals.tokens.input),
    String(totals.tokens.cached_input),
    String(totals.tokens.output),
    String(totals.tokens.reasoning),
    usd(totals.cost_usd),
    usd(totals.reference_cost_usd),
    usd(totals.savings_usd),
  ];
  const header = `usage of ${usage.team === null ? 'every team' : `team ${usage.team}`} from ${usage.since} to ${usage.until}`;
  return `${header}\n\n${formatTable([
    ['MODEL', 'REQUESTS', 'ERRORS', 'INPUT', 'CACHED', 'OUTPUT', 'REASONING', 'COST', 'REFERENCE', 'SAVINGS'],
    ...usage.by_model.map((model) => row(model.model, model)),
    row('TOTAL', usage),
  ])}`;
}

function usd(amount: number): string {
  return `$${amount.toFixed(amount !== 0 && Math.abs(amount) < 0.01 ? 4 : 2)}`;
}
