/**
 * Very large inputs: how long the event loop is held while a 1, 4 and 8 MiB prompt is screened, on the event
 * loop (what every input below `guardrails.scan_thread.min_chars` gets) and on the scanning thread (what inputs
 * above it get), side
 * by side in one run, rounds alternating. The hold is the longest gap between ticks of a 1 ms interval timer
 * while the verdict is awaited; the verdict time is from the call to the findings.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { screenSlots, screenSlotsOffloaded } from '../../src/guardrails/input-guard.ts';
import { requestTexts } from '../../src/guardrails/request-texts.ts';
import { createScanOffload } from '../../src/guardrails/scan-offload.ts';
import { buildScanner, type ScannerSpec } from '../../src/guardrails/scanner-spec.ts';
import type { ChatRequest } from '../../src/engines/engine.ts';

const SENTENCES = [
  'Mohon bantu ringkas laporan kredit nasabah untuk rapat komite besok pagi.',
  'The quarterly liquidity report shows stable deposits across the Jakarta and Surabaya branches.',
  'Hubungi bagian operasional jika ada selisih pada rekonsiliasi harian.',
  'Please draft a polite reply to the customer who asked about the new savings product.',
];
const SPECS: readonly ScannerSpec[] = [{ id: 'secrets' }, { id: 'pii' }, { id: 'injection', minScore: 0.3 }];
const ROUNDS = 3;

function request(chars: number): ChatRequest {
  const parts: string[] = [];
  for (let length = 0, index = 0; length < chars; index++) {
    const sentence = `${SENTENCES[index % SENTENCES.length]} `;
    parts.push(sentence);
    length += sentence.length;
  }
  const content = parts.join('').slice(0, chars);
  return {
    model: 'bench',
    stream: false,
    includeUsage: false,
    extra: {},
    messages: [{ role: 'user', content }],
  };
}

/** Runs `work`, returning its time and the longest the event loop went without a 1 ms timer tick meanwhile. */
async function measure(work: () => unknown): Promise<{ verdictMs: number; heldMs: number }> {
  let last = performance.now();
  let held = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    held = Math.max(held, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  const started = performance.now();
  await work();
  const verdictMs = performance.now() - started;
  held = Math.max(held, performance.now() - last);
  clearInterval(ticker);
  return { verdictMs, heldMs: held };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const scanners = SPECS.map(buildScanner).sort((a, b) => a.cost - b.cost);
const offload = createScanOffload();
// Warm both: the thread builds its scanners on its first job, the loop's JIT on its first texts.
const warm = requestTexts(request(64 * 1024));
screenSlots(warm, scanners);
await screenSlotsOffloaded(warm, SPECS, offload);

const lines = [
  `Very large inputs (load average ${loadavg()[0]?.toFixed(1) ?? '?'}; ${ROUNDS} rounds, medians)`,
  '',
  '| input | on the event loop: loop held | on the scanning thread: loop held | verdict after |',
  '| --- | ---: | ---: | ---: |',
];
for (const mib of [1, 4, 8]) {
  const slots = requestTexts(request(mib * 1024 * 1024));
  const inLoop: number[] = [];
  const offHeld: number[] = [];
  const offVerdict: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    inLoop.push((await measure(() => screenSlots(slots, scanners))).heldMs);
    const off = await measure(() => screenSlotsOffloaded(slots, SPECS, offload));
    offHeld.push(off.heldMs);
    offVerdict.push(off.verdictMs);
  }
  lines.push(
    `| ${mib} MiB | ${median(inLoop).toFixed(0)} ms | ${median(offHeld).toFixed(1)} ms | ${median(offVerdict).toFixed(0)} ms |`,
  );
}
await offload.close();
console.log(lines.join('\n'));
