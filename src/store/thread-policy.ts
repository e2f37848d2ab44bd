/**
 * Puts the calling thread in Linux's idle scheduling class (SCHED_IDLE), for the ledger's writer thread.
 *
 * Under load the writer commits a flush window's rows in one burst (tens of milliseconds for thousands of rows).
 * At normal priority the kernel wakes it beside the event loop and lets it take the event loop's core in the
 * middle of requests; measured, the gateway kept 1–11 points less of its throughput at 64 connections than with
 * the writer idle (docs/benchmarks-history.md). An idle-class thread runs on time no normal thread wants, and
 * a nice value does not do that: the writer at nice 19 measured as at nice 0.
 *
 * Node has no call for a thread's scheduling policy, so util-linux's `chrt` sets it, on this thread's own id.
 * The idle class is not left again by the thread itself: without CAP_SYS_NICE (or an RLIMIT_NICE of 20) Linux
 * refuses to move a thread out of it. A writer that falls behind is replaced instead (ledger-insert.ts).
 */
import { spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';

/** What became of the request: the thread is idle-class now, or this system cannot make it so (and why). */
export type IdlePolicyOutcome =
  { readonly idle: true; readonly threadId: number } | { readonly idle: false; readonly reason: string };

/** How long `chrt` may take; it answers in milliseconds. */
const CHRT_TIMEOUT_MS = 5_000;

/** Moves the calling thread (only it, not its process) into SCHED_IDLE. Never throws. */
export function enterIdlePolicy(): IdlePolicyOutcome {
  if (process.platform !== 'linux') return { idle: false, reason: `not Linux (${process.platform})` };
  const threadId = currentThreadId();
  if (threadId === undefined) return { idle: false, reason: 'the thread id is not readable from /proc' };
  const result = spawnSync('chrt', ['--idle', '--pid', '0', String(threadId)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: CHRT_TIMEOUT_MS,
  });
  if (result.error !== undefined) return { idle: false, reason: `chrt: ${result.error.message}` };
  if (result.status !== 0)
    return { idle: false, reason: `chrt: ${result.stderr.trim() || `exit status ${result.status}`}` };
  return { idle: true, threadId };
}

/** The calling thread's id, from /proc/thread-self (a link to `<pid>/task/<tid>`). */
function currentThreadId(): number | undefined {
  try {
    const id = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}
