/**
 * Download progress for the CLI: a cli-progress bar with size, speed and ETA on a terminal, or a plain
 * line every few seconds when stdout is not a TTY (logs, CI), so nothing is drowned in carriage returns.
 */
import { SingleBar } from 'cli-progress';

/** Receives byte counts as they arrive; `stop` ends the bar or prints the last line. */
export interface DownloadProgress {
  update(downloaded: number, total: number, resumedFrom: number): void;
  stop(): void;
}

/** Where and how to report. */
export interface DownloadProgressOptions {
  readonly label: string;
  readonly stream: NodeJS.WriteStream;
  /** Seconds between plain lines; default 5. */
  readonly lineIntervalSeconds?: number;
}

const WINDOW_MS = 10_000;

/** A bar on a TTY, periodic lines elsewhere. */
export function createDownloadProgress(options: DownloadProgressOptions): DownloadProgress {
  const speed = createSpeedMeter();
  if (options.stream.isTTY) return barProgress(options, speed);
  const interval = (options.lineIntervalSeconds ?? 5) * 1_000;
  let last = 0;
  let latest: { downloaded: number; total: number } | undefined;
  const print = () => {
    if (!latest) return;
    options.stream.write(
      `${options.label}: ${describe(latest.downloaded, latest.total, speed.bytesPerSecond())}\n`,
    );
  };
  return {
    update(downloaded, total, resumedFrom) {
      if (!latest && resumedFrom > 0)
        options.stream.write(`${options.label}: resuming at ${megabytes(resumedFrom)}\n`);
      latest = { downloaded, total };
      speed.sample(downloaded);
      const now = Date.now();
      if (now - last >= interval) {
        last = now;
        print();
      }
    },
    stop() {
      if (latest && Date.now() - last > 0) print();
    },
  };
}

function barProgress(options: DownloadProgressOptions, speed: SpeedMeter): DownloadProgress {
  const bar = new SingleBar({
    stream: options.stream,
    format: `${options.label} [{bar}] {percentage}% | {done} / {size} | {speed} | ETA {remaining}`,
    barsize: 30,
    hideCursor: true,
    fps: 5,
  });
  let started = false;
  const payload = (downloaded: number, total: number) => {
    const rate = speed.bytesPerSecond();
    return {
      done: megabytes(downloaded),
      size: megabytes(total),
      speed: `${megabytes(rate)}/s`,
      remaining: rate > 0 ? duration((total - downloaded) / rate) : '…',
    };
  };
  return {
    update(downloaded, total) {
      speed.sample(downloaded);
      if (!started) {
        bar.start(total, downloaded, payload(downloaded, total));
        started = true;
      } else {
        bar.update(downloaded, payload(downloaded, total));
      }
    },
    stop() {
      if (started) bar.stop();
      // A resumed attempt after a retry message starts a fresh bar below it.
      started = false;
    },
  };
}

interface SpeedMeter {
  sample(bytes: number): void;
  bytesPerSecond(): number;
}

/** Speed over the last ten seconds, so a resumed download does not count the bytes it already had. */
function createSpeedMeter(): SpeedMeter {
  const samples: { time: number; bytes: number }[] = [];
  return {
    sample(bytes) {
      const time = Date.now();
      samples.push({ time, bytes });
      while (samples.length > 2 && time - (samples[0]?.time ?? time) > WINDOW_MS) samples.shift();
    },
    bytesPerSecond() {
      const first = samples[0];
      const last = samples[samples.length - 1];
      if (!first || !last || last.time === first.time) return 0;
      return ((last.bytes - first.bytes) / (last.time - first.time)) * 1_000;
    },
  };
}

function describe(downloaded: number, total: number, rate: number): string {
  const percent = total > 0 ? ((downloaded / total) * 100).toFixed(1) : '0.0';
  const eta = rate > 0 ? `, ETA ${duration((total - downloaded) / rate)}` : '';
  return `${megabytes(downloaded)} of ${megabytes(total)} (${percent}%), ${megabytes(rate)}/s${eta}`;
}

function megabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function duration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3_600) return `${Math.floor(whole / 60)}m ${whole % 60}s`;
  return `${Math.floor(whole / 3_600)}h ${Math.floor((whole % 3_600) / 60)}m`;
}
