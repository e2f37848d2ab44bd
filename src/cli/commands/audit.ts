/** `daulat audit list|head|verify`: the audit log, its head (an anchor) and its chain check, through the admin API. */
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
  | { ok: true; entries: number; head: string; keyed_from: number | null }
  | { ok: false; entries: number; seq: number; problem: string; message: string };

interface Head {
  seq: number;
  hash: string;
  at: string | null;
}

/** Registers `daulat audit`. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log (admin API)');
  withConnection(
    audit
      .command('verify')
      .description(
        "check the hash chain (with the gateway's audit key); exits 1 and names the entry if one was edited, deleted, reordered or forged, or the anchored entry is gone or differs",
      )
      .option('--anchor <seq:hash>', 'a head recorded earlier by `daulat audit head`: catches truncation'),
  ).action((options: AdminConnection & { anchor?: string }) =>
    runAdmin(async () => {
      const query =
        options.anchor === undefined ? '' : `?${new URLSearchParams({ anchor: options.anchor }).toString()}`;
      const verdict = await adminCall<Verdict>(options, 'GET', `/admin/audit/verify${query}`);
      if (verdict.ok) {
        const keyed =
          verdict.keyed_from === null ? 'not keyed' : `keyed (HMAC) from entry ${verdict.keyed_from}`;
        const anchored = options.anchor === undefined ? '' : ', anchor matches';
        process.stdout.write(
          `audit log intact: ${verdict.entries} entries, ${keyed}${anchored}, head ${verdict.entries}:${verdict.head}\n`,
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
      .command('head')
      .description('print the newest entry as <seq>:<hash>: record it elsewhere, then verify --anchor it')
      .option('--json', 'print {seq, hash, at} as JSON'),
  ).action((options: AdminConnection & { json?: boolean }) =>
    runAdmin(async () => {
      const head = await adminCall<Head>(options, 'GET', '/admin/audit/head');
      if (options.json) return void process.stdout.write(`${JSON.stringify(head)}\n`);
      process.stdout.write(`${head.seq}:${head.hash}\n`);
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
