/** `daulat pull`, `models`, `rm` and `fit` as a user runs them: child processes against a local hub. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { patchTensorDimension, truncatedCopy, writeDuplicateTokenModel } from '../../helpers/broken-gguf.ts';
import { testModel, type TestModel } from '../../helpers/gguf/index.ts';
import { startFakeHub, type FakeHub } from '../../helpers/hf-server.ts';

const root = new URL('../../../', import.meta.url).pathname;

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function daulat(args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  const child = spawn(process.execPath, ['bin/daulat.js', ...args], {
    cwd: root,
    env: { ...process.env, HF_TOKEN: '', DAULAT_MODELS_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('daulat model commands', () => {
  let hub: FakeHub;
  let model: TestModel;
  let work: string;
  let storeDir: string;
  let env: Record<string, string>;

  before(async () => {
    model = await testModel({ preset: 'tiny-qwen2', type: 'q8_0' });
    work = await mkdtemp(join(tmpdir(), 'daulat-cli-models-'));
    storeDir = join(work, 'models');
    hub = await startFakeHub();
    hub.addFile({
      repo: 'Qwen/Qwen2.5-0.5B-Instruct-GGUF',
      file: 'qwen2.5-0.5b-instruct-q4_k_m.gguf',
      content: await readFile(model.path),
    });
    const huge = join(work, 'huge.gguf');
    await patchTensorDimension(model.path, huge, 'token_embd.weight', 1, 2 ** 34);
    hub.addFile({ repo: 'big/huge-GGUF', file: 'huge.gguf', content: await readFile(huge) });
    env = { HF_ENDPOINT: hub.endpoint, DAULAT_MODELS_DIR: storeDir };
  });
  after(() => hub.close());

  it('pulls a catalog model with a fit estimate and plain progress lines, then lists and removes it', async () => {
    const pulled = await daulat(['pull', 'qwen2.5:0.5b'], env);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(pulled.stdout, /^qwen2\.5:0\.5b at context 4096 × 4 sequences: fits/m);
    assert.match(pulled.stdout, /^qwen2\.5:0\.5b: [\d.]+ MB of [\d.]+ MB \(100\.0%\), /m);
    assert.match(
      pulled.stdout,
      /^pulled qwen2\.5:0\.5b \(0 MB, q8_0, qwen2, 138K parameters, context 2048\)$/m,
    );
    assert.ok(
      !pulled.stdout.includes('\r') && !pulled.stdout.includes('\u001b['),
      'no progress bar when stdout is not a TTY',
    );

    const again = await daulat(['pull', 'qwen2.5:0.5b:q4_k_m'], {
      ...env,
      HF_ENDPOINT: 'http://127.0.0.1:1',
    });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /'qwen2\.5:0\.5b' is already in the store/);

    const listed = await daulat(['models'], env);
    assert.equal(listed.code, 0);
    assert.match(listed.stdout, /^NAME\s+SIZE\s+QUANT\s+ARCH\s+PARAMS\s+CONTEXT$/m);
    assert.match(listed.stdout, /^qwen2\.5:0\.5b\s+0 MB\s+q8_0\s+qwen2\s+138K\s+2048$/m);

    const removed = await daulat(['rm', 'qwen2.5:0.5b', '--models-dir', storeDir]);
    assert.equal(removed.code, 0);
    assert.match(
      removed.stdout,
      /^removed qwen2\.5:0\.5b \(deleted .*qwen2\.5-0\.5b-instruct-q4_k_m\.gguf\)$/m,
    );
    assert.match(
      (await daulat(['models'], env)).stdout,
      /^no models in .*: pull one with `daulat pull qwen2\.5:0\.5b`/,
    );
    assert.deepEqual(await readdir(storeDir), ['manifest.json']);
  });

  it('refuses, without --yes and off a terminal, a model that would not fit', async () => {
    hub.requests.length = 0;
    const refused = await daulat(['pull', 'hf:big/huge-GGUF/huge.gguf'], env);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stdout,
      /hf:big\/huge-GGUF\/huge\.gguf at context 4096 × 4 sequences: does not fit: needs \d+\.\d GB/,
    );
    assert.match(refused.stderr, /would not fit this machine; pass --yes to download it anyway/);
    // Only the header was read (ranged GETs); the file itself was never downloaded.
    assert.ok(hub.requests.some((request) => request.server === 'cdn' && request.range !== undefined));
    assert.equal(
      hub.requests.filter((request) => request.server === 'cdn' && request.range === undefined).length,
      0,
    );
    assert.ok(
      !(await readdir(storeDir).catch((): string[] => [])).includes('big'),
      'nothing stored for the refused model',
    );
  });

  it('explains an unknown name, an offline hub and a broken local file, without a stack trace', async () => {
    const unknown = await daulat(['pull', 'mistral:7b'], env);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /^daulat: model 'mistral:7b' is not in the catalog \(catalog families: .*\); any GGUF on Hugging Face can be pulled as hf:org\/repo\/file\.gguf\n$/,
    );

    const offline = await daulat(['pull', 'qwen2.5:1.5b'], { ...env, HF_ENDPOINT: 'http://127.0.0.1:1' });
    assert.equal(offline.code, 1);
    assert.match(
      offline.stderr,
      /cannot reach Hugging Face at http:\/\/127\.0\.0\.1:1 .*you appear to be offline\. Models already in the store, and the rest of Daulat, still work/,
    );

    const duplicate = join(work, 'duplicate.gguf');
    await writeDuplicateTokenModel(duplicate);
    const broken = await daulat(['pull', duplicate], env);
    assert.equal(broken.code, 1);
    assert.match(
      broken.stderr,
      /duplicate\.gguf is not a usable GGUF model: broken vocabulary: tokenizer\.ggml\.tokens repeats 1 token string/,
    );
    for (const result of [unknown, offline, broken]) assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('records a local .gguf in place, and leaves it there on rm', async () => {
    const name = basename(model.path, '.gguf');
    const recorded = await daulat(['pull', model.path], env);
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.match(
      recorded.stdout,
      new RegExp(`^recorded ${name} \\(0 MB, q8_0, qwen2, 138K parameters, context 2048\\)$`, 'm'),
    );
    const removed = await daulat(['rm', name], env);
    assert.match(removed.stdout, /its file .* is left in place/);
    assert.ok((await readFile(model.path)).length > 0);
  });

  it("fits: this machine's memory and, per family, the largest catalog model that fits", async () => {
    const result = await daulat(['fit', '--no-gpu', '--context', '2048', '--parallel', '1'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^this machine: \d+ CPU cores, [\d.]+ GB RAM free of [\d.]+ GB, no GPU$/m);
    assert.match(result.stdout, /^estimates at context 2048 × 1 sequences$/m);
    assert.match(result.stdout, /^FAMILY\s+LARGEST THAT FITS\s+PARAMS\s+QUANT\s+NEEDS\s+PLACEMENT$/m);
    for (const family of [
      'qwen2.5',
      'qwen3',
      'deepseek-r1',
      'llama3.2',
      'llama3.1',
      'moonlight',
      'hunyuan',
    ]) {
      assert.match(
        result.stdout,
        new RegExp(`^${family.replace('.', '\\.')}\\s+(${family.replace('.', '\\.')}:\\S+|none)\\s`, 'm'),
      );
    }
  });

  it('fits one model by name, and rejects a truncated file with a clear error', async () => {
    const tiny = await daulat(['fit', model.path, '--no-gpu'], env);
    assert.equal(tiny.code, 0, tiny.stderr);
    assert.match(
      tiny.stdout,
      /weights [\d.]+ GB, KV cache [\d.]+ GB, compute [\d.]+ GB, total [\d.]+ GB\nfits on the CPU only/,
    );
    const truncated = join(work, 'truncated.gguf');
    await truncatedCopy(model.path, truncated, Math.floor(model.bytes / 2));
    const broken = await daulat(['fit', truncated, '--no-gpu'], env);
    assert.equal(broken.code, 1);
    assert.match(
      broken.stderr,
      /^daulat: .*truncated\.gguf is not a usable GGUF model: truncated: tensor '.+' ends at byte \d+, but the file has \d+ bytes\n$/,
    );
  });
});
