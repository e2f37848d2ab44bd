/**
 * What `daulat pull` does, loaded only when it runs: the fit estimate needs node-llama-cpp, which
 * `daulat serve` must not load without an embedded deployment.
 */
import { createInterface } from 'node:readline/promises';
import { isGatewayError } from '../../errors.ts';
import { gb, planFit, type FitDecision, type FitOptions } from '../../models/fit.ts';
import { detectHardware } from '../../models/hardware.ts';
import { parseModelReference, type ModelReference } from '../../models/model-reference.ts';
import { sizingFor } from '../../models/model-sizing.ts';
import { pullModel } from '../../models/pull.ts';
import { resolveModel } from '../../models/store.ts';
import { createDownloadProgress } from '../download-progress.ts';
import { describeEntry } from '../format-model.ts';
import { modelsDirFor, type ModelsDirOptions } from '../models-dir.ts';
import { reportError } from '../report-error.ts';

/** The options commander parses for this command. */
export interface PullOptions extends ModelsDirOptions {
  readonly yes?: boolean;
  readonly context: number;
  readonly parallel: number;
}

/** Runs `daulat pull`; returns the exit code. */
export async function runPull(name: string, options: PullOptions): Promise<number> {
  const storeDir = await modelsDirFor(options);
  let reference: ModelReference;
  try {
    reference = parseModelReference(name);
    const present = await resolveModel(storeDir, reference.name).catch(() => undefined);
    if (present?.entry) {
      process.stdout.write(`'${reference.name}' is already in the store: ${present.path}\n`);
      return 0;
    }
    if (reference.kind !== 'path' && !(await confirmFit(storeDir, reference, options))) return 1;
  } catch (error) {
    return reportError(error);
  }
  return download(storeDir, reference);
}

async function download(storeDir: string, reference: ModelReference): Promise<number> {
  const abort = new AbortController();
  const interrupt = () => abort.abort();
  process.once('SIGINT', interrupt);
  const progress = createDownloadProgress({ label: reference.name, stream: process.stdout });
  try {
    const result = await pullModel(storeDir, reference, {
      signal: abort.signal,
      onProgress: (downloaded, total, resumedFrom) => progress.update(downloaded, total, resumedFrom),
      log: (line) => {
        progress.stop();
        process.stdout.write(`${line}\n`);
      },
    });
    progress.stop();
    process.stdout.write(
      `${result.downloaded ? 'pulled' : 'recorded'} ${describeEntry(result.entry)}\n  ${result.path}\n`,
    );
    return 0;
  } catch (error) {
    progress.stop();
    if (abort.signal.aborted) {
      process.stderr.write(`daulat: interrupted; run \`daulat pull ${reference.name}\` again to resume\n`);
      return 130;
    }
    return reportError(error);
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/** Estimates the fit; true to go ahead. An estimate that cannot be made is a warning, not a refusal. */
async function confirmFit(
  storeDir: string,
  reference: ModelReference,
  options: PullOptions,
): Promise<boolean> {
  const fitOptions: FitOptions = { contextSize: options.context, parallel: options.parallel };
  let decision: FitDecision;
  try {
    const [sizing, hardware] = await Promise.all([sizingFor(storeDir, reference), detectHardware()]);
    decision = await planFit(sizing, hardware, fitOptions);
  } catch (error) {
    // The hub's own refusals (offline, 401, 404) end the pull here; an unreadable header only costs the estimate.
    if (!isGatewayError(error) || error.code === 'hub_unreachable' || error.upstreamStatus !== undefined)
      throw error;
    process.stdout.write(`cannot estimate whether '${reference.name}' fits: ${error.message}\n`);
    return true;
  }
  const at = `at context ${options.context} × ${options.parallel} sequences`;
  process.stdout.write(`${reference.name} ${at}: ${decision.summary}\n`);
  if (decision.placement !== 'none' || options.yes) return true;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      `daulat: '${reference.name}' needs about ${gb(decision.memory.total)} and would not fit this machine; pass --yes to download it anyway\n`,
    );
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question('Download it anyway? [y/N] ');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
