/** `daulat keys create|list|revoke`: virtual keys through the admin API; a new key is printed once. */
import type { Command } from 'commander';
import { adminCall, runAdmin, withConnection, type AdminConnection } from '../admin-client.ts';
import { parseInteger } from '../parse.ts';
import { formatTable } from '../table.ts';

interface KeyView {
  id: string;
  team: string;
  name: string | null;
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  budget: { usd: number; period: string } | null;
  status: string;
  expires_at: string | null;
  key?: string;
}

interface CreateOptions extends AdminConnection {
  readonly team: string;
  readonly name?: string;
  readonly models?: string;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly budget?: string;
  readonly expires?: string;
  readonly logContent?: boolean;
  readonly json?: boolean;
}

/** Registers `daulat keys` and its subcommands. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('manage virtual API keys (admin API)');
  withConnection(
    keys
      .command('create')
      .description('create a key for a team; the key is shown once')
      .requiredOption('--team <team>', 'the team the key belongs to (created if new)')
      .option('--name <name>', 'a label for the key')
      .option('--models <patterns>', "allowed models, comma-separated patterns such as 'qwen*'")
      .option('--rpm <n>', 'requests per minute', parseInteger)
      .option('--tpm <n>', 'tokens per minute', parseInteger)
      .option('--budget <usd/period>', "a USD budget such as '50/month' or '5/day'")
      .option('--expires <when>', "expiry: a duration such as '90d' or an ISO date")
      .option('--log-content', 'keep request and response content in the ledger for this key')
      .option('--json', 'print the answer as JSON'),
  ).action((options: CreateOptions) =>
    runAdmin(async () => {
      const created = await adminCall<KeyView>(options, 'POST', '/admin/keys', {
        team: options.team,
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.models === undefined ? {} : { models: options.models }),
        ...(options.rpm === undefined ? {} : { rpm: options.rpm }),
        ...(options.tpm === undefined ? {} : { tpm: options.tpm }),
        ...(options.budget === undefined ? {} : { budget: options.budget }),
        ...(options.expires === undefined ? {} : { expires: options.expires }),
        ...(options.logContent === true ? { log_content: true } : {}),
      });
      if (options.json) return void process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      process.stdout.write(
        `created key ${created.id} for team ${created.team}\n\n  ${created.key ?? ''}\n\n` +
          'This is the only time the key is shown: store it now.\n',
      );
    }),
  );
  withConnection(
    keys
      .command('list')
      .description('list keys (never their secrets)')
      .option('--team <team>', 'only this team')
      .option('--json', 'print as JSON'),
  ).action((options: AdminConnection & { team?: string; json?: boolean }) =>
    runAdmin(async () => {
      const query = options.team === undefined ? '' : `?team=${encodeURIComponent(options.team)}`;
      const { data } = await adminCall<{ data: KeyView[] }>(options, 'GET', `/admin/keys${query}`);
      if (options.json) return void process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      process.stdout.write(`${keyTable(data)}\n`);
    }),
  );
  withConnection(
    keys.command('revoke').description('revoke a key at once').argument('<id>', 'the key id'),
  ).action((id: string, options: AdminConnection) =>
    runAdmin(async () => {
      const revoked = await adminCall<KeyView>(options, 'DELETE', `/admin/keys/${encodeURIComponent(id)}`);
      process.stdout.write(`revoked key ${revoked.id} (team ${revoked.team})\n`);
    }),
  );
}

function keyTable(keys: readonly KeyView[]): string {
  if (keys.length === 0) return 'no keys: create one with `daulat keys create --team NAME`';
  return formatTable([
    ['ID', 'TEAM', 'STATUS', 'MODELS', 'RPM', 'TPM', 'BUDGET', 'EXPIRES', 'NAME'],
    ...keys.map((key) => [
      key.id,
      key.team,
      key.status,
      key.models?.join(',') ?? '*',
      key.rpm === null ? '-' : String(key.rpm),
      key.tpm === null ? '-' : String(key.tpm),
      key.budget === null ? '-' : `${key.budget.usd}/${key.budget.period}`,
      key.expires_at?.slice(0, 10) ?? '-',
      key.name ?? '',
    ]),
  ]);
}
