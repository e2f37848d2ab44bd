/** The machine and settings a bench ran under, printed with every result. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1] !== undefined) return match[1].trim();
  } catch {
    // Not Linux: fall through to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

/** The 1-, 5- and 15-minute load averages, formatted. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

/** Node version, CPU, cores, memory and kernel, as label–value pairs. */
export function machineConditions(): [string, string][] {
  return [
    ['Node', process.version],
    ['CPU', cpuModel()],
    ['Cores available', String(availableParallelism())],
    ['Memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['Kernel', `Linux ${release()}`],
  ];
}
