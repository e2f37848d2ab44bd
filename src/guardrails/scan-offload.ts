/**
 * Screens very large inputs on a worker thread. Scanning is linear but synchronous: a 9 MiB prompt held the
 * event loop for ~2.6 s on a 2-core machine, and every other request of the gateway with it. From
 * `guardrails.scan_thread.min_chars` characters of text (256 Ki by default) a request's input is scanned by the
 * same scanners on one thread of its own, started at the first such request; the event loop only waits for the answer. One thread, jobs in turn: huge prompts
 * are rare, and they then wait for each other rather than for the gateway's other traffic.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-thread.ts';
import type { Finding, TextSource } from './scanner.ts';
import type { ScannerSpec } from './scanner-spec.ts';

/** One text to scan, with where it sits. */
export interface ScanText {
  readonly text: string;
  readonly source: TextSource;
}

/** A job sent to the thread. */
export interface ScanJob {
  readonly id: number;
  readonly texts: readonly ScanText[];
  readonly scanners: readonly ScannerSpec[];
}

/** The thread's answer: the findings of each text, in order, or why the job failed. */
export type ScanReply =
  | { readonly id: number; readonly findings: Finding[][]; readonly error?: undefined }
  | { readonly id: number; readonly error: string };

/** The scanning thread, started on first use. */
export interface ScanOffload {
  /** The findings of each text, in order; rejects if the thread fails. */
  scan(texts: readonly ScanText[], scanners: readonly ScannerSpec[]): Promise<Finding[][]>;
  /** Stops the thread (jobs still waiting are rejected). */
  close(): Promise<void>;
}

/** A scanning thread, unref'd while idle so it never keeps the process alive. A thread that dies is replaced at the next job. */
export function createScanOffload(): ScanOffload {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<
    number,
    { resolve: (found: Finding[][]) => void; reject: (error: Error) => void }
  >();

  function failAll(error: Error): void {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  }

  function start(): Worker {
    const started = startWorker(import.meta.url, './scan-thread');
    started.on('message', (reply: ScanReply) => {
      const entry = waiting.get(reply.id);
      if (entry === undefined) return;
      waiting.delete(reply.id);
      if (waiting.size === 0) started.unref();
      if (reply.error === undefined) entry.resolve(reply.findings);
      else entry.reject(new Error(`input scan failed: ${reply.error}`));
    });
    started.on('error', (error) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`the scanning thread failed: ${error.message}`, { cause: error }));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`the scanning thread exited (code ${code})`));
    });
    return started;
  }

  return {
    scan(texts, scanners) {
      const thread = (worker ??= start());
      const job: ScanJob = { id: nextId++, texts, scanners };
      return new Promise((resolve, reject) => {
        // Sent before it is awaited: a job that cannot be sent rejects, and is not left waiting.
        thread.postMessage(job);
        waiting.set(job.id, { resolve, reject });
        thread.ref();
      });
    },
    async close() {
      const thread = worker;
      worker = undefined;
      if (thread !== undefined) await thread.terminate();
    },
  };
}
