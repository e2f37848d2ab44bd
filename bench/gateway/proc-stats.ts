/**
 * CPU time and memory of a process and its descendants (e.g. cluster workers), read from Linux /proc. All
 * threads are included (libuv pool, tsx's loader thread).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

function statFields(pid: number, path = `/proc/${pid}/stat`): string[] {
  const stat = readFileSync(path, 'utf8');
  // Fields after the parenthesised command name, which may itself contain spaces; [0] is field 3 (state).
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** `pid` followed by every live process descended from it, found by scanning /proc for parent pids. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(Number(entry))[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Exited while scanning.
    }
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index] ?? -1) ?? []));
  return tree;
}

/** CPU seconds (utime + stime) the processes `pids` have used so far; one clock tick (usually 10 ms) resolution. */
export function readCpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = statFields(pid);
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A descendant exited; its CPU time is lost, the root's absence is reported by the harness.
    }
  }
  return ticks / ticksPerSecond();
}

/**
 * CPU seconds (user + system) the main threads of `pids` have used so far: a node process runs its event loop, and
 * so all its JavaScript, on its main thread, whose task id is the process id. A loaded gateway is bound by that
 * thread (its other threads — the collector's helpers, the ledger's writer — run beside it), so its req/s is about
 * 1 ÷ this time a request. Read from /proc/<pid>/task/<pid>/schedstat in nanoseconds; from the thread's stat (clock
 * ticks) where the kernel keeps no scheduler statistics.
 */
export function readMainThreadCpuSeconds(pids: readonly number[]): number {
  let seconds = 0;
  for (const pid of pids) {
    try {
      seconds += Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
    } catch {
      try {
        const fields = statFields(pid, `/proc/${pid}/task/${pid}/stat`);
        seconds += (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
      } catch {
        // Exited, as in readCpuSeconds.
      }
    }
  }
  return seconds;
}

function statusKilobytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}

/** Resident set size of `pids` together now (sum of VmRSS) and their peaks since start (sum of VmHWM), in MiB. */
export function readMemory(pids: readonly number[]): { rssMiB: number; peakMiB: number } {
  let rss = 0;
  let peak = 0;
  for (const pid of pids) {
    try {
      rss += statusKilobytes(pid, 'VmRSS');
      peak += statusKilobytes(pid, 'VmHWM');
    } catch {
      // Exited.
    }
  }
  return { rssMiB: rss / 1024, peakMiB: peak / 1024 };
}

/** Samples the summed VmRSS of `pids` every `intervalMs` until `stop()`, which returns the largest sample in MiB. */
export function sampleRss(pids: readonly number[], intervalMs = 100): { stop(): number } {
  let largest = 0;
  const sample = (): void => {
    largest = Math.max(largest, readMemory(pids).rssMiB);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return largest;
    },
  };
}
