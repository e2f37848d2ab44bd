/**
 * The whole input pipeline (secrets, pii and injection scanners over every text of a chat request, as the
 * gateway runs them) at 1, 16 and 128 KB; a conversation's next turn with and without the scan cache (the
 * history was screened on earlier turns); and the streaming output guard: its CPU per chunk, and by how many
 * chunks it delays the first token (a word still being written is held until it ends).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ChatEvent, ChatRequest } from '../../src/engines/engine.ts';
import { screenInput } from '../../src/guardrails/input-guard.ts';
import { guardChatStream } from '../../src/guardrails/output-guard.ts';
import type { GuardPolicy } from '../../src/guardrails/policy.ts';
import { createVault } from '../../src/guardrails/redaction/vault.ts';
import { ScanCache } from '../../src/guardrails/scan-cache.ts';
import { createInjectionScanner } from '../../src/guardrails/scanners/injection.ts';
import { createPiiScanner } from '../../src/guardrails/scanners/pii.ts';
import { createSecretsScanner } from '../../src/guardrails/scanners/secrets.ts';
import { redactingPolicy } from '../../test/helpers/guard-policy.ts';

const SENTENCES = [
  'Mohon bantu ringkas laporan kredit nasabah untuk rapat komite besok pagi.',
  'The quarterly liquidity report shows stable deposits across the Jakarta and Surabaya branches.',
  'Hubungi bagian operasional jika ada selisih pada rekonsiliasi harian.',
  'Please draft a polite reply to the customer who asked about the new savings product.',
];

function prompt(bytes: number): ChatRequest {
  let text = '';
  for (let index = 0; text.length < bytes; index++) text += `${SENTENCES[index % SENTENCES.length]} `;
  return {
    model: 'bench',
    stream: false,
    includeUsage: false,
    extra: {},
    messages: [
      { role: 'system', content: 'You are a careful assistant for a bank.' },
      { role: 'user', content: text.slice(0, bytes) },
    ],
  };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

const scanners = [createSecretsScanner(), createPiiScanner(), createInjectionScanner()];
const lines = [
  `Guard pipeline (load average ${loadavg()[0]?.toFixed(1) ?? '?'})`,
  '',
  '| input | scans | p50 | p99 | p99 per KB |',
  '| --- | ---: | ---: | ---: | ---: |',
];
for (const kb of [1, 16, 128]) {
  const request = prompt(kb * 1024);
  const runs = kb === 128 ? 50 : kb === 16 ? 300 : 2_000;
  for (let i = 0; i < 20; i++) screenInput(request, scanners);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    screenInput(request, scanners);
    times.push(performance.now() - started);
  }
  const p99 = percentile(times, 0.99);
  lines.push(
    `| ${kb} KB | ${runs} | ${percentile(times, 0.5).toFixed(3)} ms | ${p99.toFixed(3)} ms | ${(p99 / kb).toFixed(3)} ms |`,
  );
}

/**
 * Turn `turn` of a conversation: a system prompt, then 1 KB user messages and short answers; each turn
 * resends everything before it, as chat clients do. Texts differ per turn so only the history repeats.
 */
function conversation(turn: number): ChatRequest {
  const messages: ChatRequest['messages'][number][] = [
    { role: 'system', content: prompt(2048).messages[1]!.content as string },
  ];
  for (let index = 0; index <= turn; index++) {
    const user = prompt(1024).messages[1]!.content as string;
    messages.push({ role: 'user', content: `Turn ${index}: ${user}` });
    if (index < turn) messages.push({ role: 'assistant', content: `Answer ${index}: noted, summarised.` });
  }
  return { model: 'bench', stream: false, includeUsage: false, extra: {}, messages };
}

const TURNS = 16;
lines.push(
  '',
  '| conversation turn 16 (~19 KB, 1 KB new) | runs | p50 | p99 |',
  '| --- | ---: | ---: | ---: |',
);
for (const cached of [false, true]) {
  const times: number[] = [];
  for (let run = 0; run < 200; run++) {
    // A fresh cache per conversation: the first 15 turns fill it, turn 16 is measured.
    const cache = new ScanCache(10_000);
    const inUse = cached ? scanners.map((scanner) => cache.wrap(scanner)) : scanners;
    for (let turn = 0; turn < TURNS - 1; turn++) if (cached) screenInput(conversation(turn), inUse);
    const request = conversation(TURNS - 1);
    const started = performance.now();
    screenInput(request, inUse);
    times.push(performance.now() - started);
  }
  lines.push(
    `| ${cached ? 'scan cache on (the default)' : 'scan cache off'} | 200 | ${percentile(times, 0.5).toFixed(3)} ms | ${percentile(times, 0.99).toFixed(3)} ms |`,
  );
}

const policy: GuardPolicy = redactingPolicy();
/** An answer in word pieces, as a model streams it: ~300 chunks. */
const pieces = SENTENCES.join(' ')
  .repeat(4)
  .split(/(?= )/)
  .flatMap((word) => (word.length > 6 ? [word.slice(0, 4), word.slice(4)] : [word]));
const chunkTimes: number[] = [];
let firstReleasedAfter = -1;
for (let round = 0; round < 30; round++) {
  let sent = 0;
  let released = false;
  async function* source(): AsyncGenerator<ChatEvent> {
    yield { type: 'start', id: 'x', created: 0 };
    for (const text of pieces) {
      sent++;
      yield { type: 'text-delta', choice: 0, text };
    }
    yield { type: 'finish', choice: 0, reason: { unified: 'stop', raw: 'stop' } };
  }
  const guard = guardChatStream(source(), {
    policy,
    scanners: [createSecretsScanner(), createPiiScanner()],
    vault: createVault(),
    events: [],
  });
  const iterator = guard[Symbol.asyncIterator]();
  for (;;) {
    const started = performance.now();
    const step = await iterator.next();
    chunkTimes.push(performance.now() - started);
    if (step.done === true) break;
    if (!released && step.value.type === 'text-delta') {
      released = true;
      if (round === 0) firstReleasedAfter = sent;
    }
  }
}
lines.push(
  '',
  `Streaming output guard: ${pieces.length} chunks per answer; per chunk p50 ${percentile(chunkTimes, 0.5).toFixed(3)} ms, p99 ${percentile(chunkTimes, 0.99).toFixed(3)} ms.`,
  `First text released after ${firstReleasedAfter} upstream chunk(s): the first token waits for the word it starts to end (one token interval when it ends mid-word).`,
);
process.stdout.write(lines.join('\n') + '\n');
