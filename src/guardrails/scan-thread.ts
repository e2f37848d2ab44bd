/**
 * The scanning thread behind scan-offload.ts: builds the scanners a job names (once each) and runs them over
 * the job's texts, cheapest first, as the event loop would. Messages in: a `ScanJob`; out: a `ScanReply`.
 */
import { parentPort } from 'node:worker_threads';
import type { ScanJob, ScanReply } from './scan-offload.ts';
import type { Finding, TextScanner } from './scanner.ts';
import { buildScanner, specKey } from './scanner-spec.ts';

const port = parentPort;
if (port === null) throw new Error('scan-thread.ts runs as a worker thread only');
const built = new Map<string, TextScanner>();

function scannerFor(spec: ScanJob['scanners'][number]): TextScanner {
  const key = specKey(spec);
  let scanner = built.get(key);
  if (scanner === undefined) {
    scanner = buildScanner(spec);
    built.set(key, scanner);
  }
  return scanner;
}

port.on('message', (job: ScanJob) => {
  let reply: ScanReply;
  try {
    const scanners = job.scanners.map(scannerFor).sort((a, b) => a.cost - b.cost);
    const findings = job.texts.map(({ text, source }) => {
      const found: Finding[] = [];
      for (const scanner of scanners) found.push(...scanner.scan(text, { source }));
      return found;
    });
    reply = { id: job.id, findings };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
