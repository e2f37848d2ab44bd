/** `daulat audit list|verify`: the audit log and its hash-chain check, through the admin API. */
import type { Command } from 'commander';
import { adminCall, runAdmin, withConnection, type AdminConnection } from '../admin-client.ts';
import { parseInteger } from '../parse.ts';
import { formatTable } from '../table.ts';

interface AuditView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

type Verdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; seq: number; problem: string; message: string };

/** Registers `daulat audit`. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log (admin API)');
  withConnection(
    audit
      .command('verify')
      .description(
        'check the hash chain; exits 1 and names the entry if one was edited, deleted or reordered',
      ),
  ).action((options: AdminConnection) =>
    runAdmin(async () => {
      const verdict = await adminCall<Verdict>(options, 'GET', '/admin/audit/verify');
      if (verdict.ok) {
        process.stdout.write(
          `audit log intact: ${verdict.entries} entries, head ${verdict.head.slice(0, 16)}\n`,
        );
        return;
      }
      process.stdout.write(
        `audit log TAMPERED at entry ${verdict.seq} (${verdict.problem}): ${verdict.message}\n`,
      );
      process.exitCode = 1;
    }),
  );
  withConnection(
    audit
      .command('list')
      .description('print entries in order')
      .option('--after <seq>', 'only entries after this number', parseInteger)
      .option('--limit <n>', 'at most this many', parseInteger)
      .option('--json', 'print as JSON'),
  ).action((options: AdminConnection & { after?: number; limit?: number; json?: boolean }) =>
    runAdmin(async () => {
      const query = new URLSearchParams({
        after: String(options.after ?? 0),
        limit: String(options.limit ?? 100),
      });
      const { data } = await adminCall<{ data: AuditView[] }>(
        options,
        'GET',
        `/admin/audit?${query.toString()}`,
      );
      if (options.json) return void process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      process.stdout.write(
        `${formatTable([
          ['SEQ', 'AT', 'ACTOR', 'ACTION', 'SUBJECT', 'DETAILS'],
          ...data.map((entry) => [
            String(entry.seq),
            entry.at,
            entry.actor,
            entry.action,
            entry.subject,
            JSON.stringify(entry.details),
          ]),
        ])}\n`,
      );
    }),
  );
}
