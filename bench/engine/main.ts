/**
 * `npm run bench:engine`: the embedded engine on a generated model of the real Qwen2.5-0.5B shape (F16, Q8_0),
 * direct node-llama-cpp and Daulat's HTTP API alternating round by round; prints a markdown report and writes
 * it to `.bench-tmp/engine-<date>.md`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { getLlama } from 'node-llama-cpp';
import { testModel } from '../../test/helpers/gguf/index.ts';
import { measureReadBandwidth } from './bandwidth.ts';
import { measureDirect, type DirectResult, type DirectSettings } from './direct.ts';
import { parseEngineBenchOptions } from './options.ts';
import { renderEngineReport, type TypeFigures } from './report.ts';
import { measureDaulat, type DaulatResult } from './through-daulat.ts';
import { longDocument } from './workload.ts';

const options = parseEngineBenchOptions(process.argv.slice(2));
const log = (line: string): void => void process.stderr.write(`bench:engine: ${line}\n`);

const bandwidth = measureReadBandwidth();
log(`read bandwidth ${(bandwidth / 1e9).toFixed(1)} GB/s`);
const figures: TypeFigures[] = [];
for (const type of options.types) {
  log(`writing the qwen2.5-0.5b ${type} model (cached in ${options.modelDir})`);
  const model = await testModel({ preset: 'qwen2.5-0.5b', type }, options.modelDir);
  const settings: DirectSettings = {
    path: model.path,
    threads: options.threads,
    parallel: Math.max(...options.concurrency),
    contextSize: Math.max(2_048, options.promptTokens + 256),
    decodeTokens: options.decodeTokens,
    concurrentTokens: options.concurrentTokens,
    concurrency: options.concurrency,
    promptTokens: options.promptTokens,
  };
  const document = await documentFor(model.path, options.promptTokens, options.threads);
  const direct: DirectResult[] = [];
  const daulat: DaulatResult[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    log(`${type} round ${round}/${options.rounds}: direct`);
    direct.push(await measureDirect(settings));
    log(`${type} round ${round}/${options.rounds}: through Daulat`);
    daulat.push(await measureDaulat(settings, document));
  }
  figures.push({ type, bytes: model.bytes, direct, daulat });
}
const report = renderEngineReport({
  options,
  bandwidth,
  figures,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
});
process.stdout.write(report);
await mkdir('.bench-tmp', { recursive: true });
await writeFile(`.bench-tmp/engine-${new Date().toISOString().slice(0, 16).replace(':', '')}.md`, report);
process.exit(0);

/** The long prompt's text, cut to the model's own token count. */
async function documentFor(path: string, tokens: number, threads: number): Promise<string> {
  const llama = await getLlama({ gpu: false, build: 'never', maxThreads: threads });
  const model = await llama.loadModel({ modelPath: path, vocabOnly: true });
  try {
    return longDocument(model, tokens);
  } finally {
    await model.dispose();
  }
}
