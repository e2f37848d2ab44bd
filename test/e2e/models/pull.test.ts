/** Pulling models from a local stand-in for Hugging Face: resume, checksums, auth, errors, ensureModel. */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import lockfile from 'proper-lockfile';
import { isGatewayError } from '../../../src/errors.ts';
import { ensureModel } from '../../../src/models/ensure-model.ts';
import type { HubOptions } from '../../../src/models/hf.ts';
import { pullModel } from '../../../src/models/pull.ts';
import { listModels, resolveModel } from '../../../src/models/store.ts';
import { testModel, type TestModel } from '../../helpers/gguf/index.ts';
import { startFakeHub, type FakeHub } from '../../helpers/hf-server.ts';

const QWEN_REPO = 'Qwen/Qwen2.5-0.5B-Instruct-GGUF';
const QWEN_FILE = 'qwen2.5-0.5b-instruct-q4_k_m.gguf';

describe('pullModel', () => {
  let hub: FakeHub;
  let model: TestModel;
  let content: Buffer;
  let storeDir: string;
  let options: { hub: HubOptions; retryDelayMs: number; log: (line: string) => void };
  let logged: string[];

  before(async () => {
    model = await testModel({ preset: 'tiny-qwen2', type: 'q8_0' });
    content = await readFile(model.path);
    hub = await startFakeHub();
    hub.addFile({ repo: QWEN_REPO, file: QWEN_FILE, content });
    hub.addFile({
      repo: 'someone/tiny-GGUF',
      file: 'sub/tiny.Q8_0.gguf',
      content,
      revisions: ['main', 'v1'],
    });
  });
  after(() => hub.close());
  beforeEach(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'daulat-pull-'));
    hub.requests.length = 0;
    hub.requiredToken = undefined;
    hub.ignoreRange = false;
    hub.cutAfter.length = 0;
    logged = [];
    options = {
      hub: { endpoint: hub.endpoint, token: undefined },
      retryDelayMs: 1,
      log: (line) => logged.push(line),
    };
  });

  const cdnGets = () =>
    hub.requests.filter((request) => request.server === 'cdn' && request.method === 'GET');

  it('pulls a catalog model, verifies it and records what the GGUF says', async () => {
    const result = await pullModel(storeDir, 'qwen2.5:0.5b', options);
    assert.equal(result.downloaded, true);
    assert.equal(result.path, join(storeDir, QWEN_REPO, QWEN_FILE));
    assert.deepEqual(await readFile(result.path), content);
    const [entry] = await listModels(storeDir);
    assert.deepEqual(
      { ...entry, pulledAt: undefined },
      {
        name: 'qwen2.5:0.5b',
        file: join(QWEN_REPO, QWEN_FILE),
        size: content.length,
        sha256: model.sha256,
        architecture: 'qwen2',
        parameters: model.parameterCount,
        quantization: 'q8_0',
        contextLength: model.contextLength,
        chatTemplate: model.chatTemplate,
        source: {
          kind: 'catalog',
          catalogName: 'qwen2.5:0.5b',
          repo: QWEN_REPO,
          file: QWEN_FILE,
          revision: 'main',
        },
        pulledAt: undefined,
      },
    );
    assert.equal((await resolveModel(storeDir, 'qwen2.5:0.5b')).path, result.path);
    assert.deepEqual(await readdir(join(storeDir, QWEN_REPO)), [QWEN_FILE]);
  });

  it('pulls an hf: file at a revision, following the hub redirect to the CDN', async () => {
    const result = await pullModel(storeDir, 'hf:someone/tiny-GGUF/sub/tiny.Q8_0.gguf@v1', options);
    assert.equal(result.entry.name, 'hf:someone/tiny-GGUF/sub/tiny.Q8_0.gguf');
    assert.deepEqual(result.entry.source, {
      kind: 'hf',
      repo: 'someone/tiny-GGUF',
      file: 'sub/tiny.Q8_0.gguf',
      revision: 'v1',
    });
    assert.deepEqual(
      hub.requests.map((request) => `${request.server} ${request.method} ${request.status}`),
      ['hub HEAD 302', 'cdn GET 200'],
    );
    assert.match(hub.requests[0]?.path ?? '', /^\/someone\/tiny-GGUF\/resolve\/v1\/sub\/tiny\.Q8_0\.gguf$/);
  });

  it('does not download again a file the store already has', async () => {
    await pullModel(storeDir, 'qwen2.5:0.5b', options);
    hub.requests.length = 0;
    const again = await pullModel(storeDir, 'qwen2.5:0.5b', options);
    assert.equal(again.downloaded, false);
    assert.equal(cdnGets().length, 0);
  });

  it('resumes with a Range request after the connection breaks mid-file, and verifies the result', async () => {
    hub.cutAfter.push(60_000, 50_000);
    const result = await pullModel(storeDir, 'qwen2.5:0.5b', options);
    assert.deepEqual(await readFile(result.path), content);
    assert.deepEqual(
      cdnGets().map((request) => [request.range, request.status]),
      [
        [undefined, 200],
        ['bytes=60000-', 206],
        ['bytes=110000-', 206],
      ],
    );
    assert.match(logged.join('\n'), /download interrupted .*: retrying in/);
  });

  it('starts over when the server ignores the Range request', async () => {
    hub.cutAfter.push(60_000);
    hub.ignoreRange = true;
    const result = await pullModel(storeDir, 'qwen2.5:0.5b', options);
    assert.deepEqual(await readFile(result.path), content);
    assert.deepEqual(
      cdnGets().map((request) => [request.range, request.status]),
      [
        [undefined, 200],
        ['bytes=60000-', 200],
      ],
    );
    assert.match(logged.join('\n'), /ignored the range request: downloading from the start/);
  });

  it('gives up after the configured retries, keeping the partial file for a later resume', async () => {
    hub.cutAfter.push(10_000, 0, 0);
    await assert.rejects(pullModel(storeDir, 'qwen2.5:0.5b', { ...options, retries: 1 }), (error) => {
      assert.ok(isGatewayError(error, 'model_download_failed'));
      assert.match(error.message, /failed 2 times in a row .*run the pull again to resume/);
      return true;
    });
    assert.equal((await stat(join(storeDir, QWEN_REPO, `${QWEN_FILE}.part`))).size, 10_000);
    assert.deepEqual(await listModels(storeDir), []);
    await assert.rejects(resolveModel(storeDir, 'qwen2.5:0.5b'), (error) =>
      isGatewayError(error, 'model_not_downloaded'),
    );
    const resumed = await pullModel(storeDir, 'qwen2.5:0.5b', options);
    assert.deepEqual(await readFile(resumed.path), content);
    assert.equal(cdnGets().at(-1)?.range, 'bytes=10000-');
  });

  it('rejects a file whose sha256 differs from the hub, deletes it and records nothing', async () => {
    hub.addFile({ repo: 'bad/repo-GGUF', file: 'bad.gguf', content, advertisedSha256: 'f'.repeat(64) });
    await assert.rejects(pullModel(storeDir, 'hf:bad/repo-GGUF/bad.gguf', options), (error) => {
      assert.ok(isGatewayError(error, 'model_download_failed'));
      assert.match(
        error.message,
        /checksum mismatch for hf:bad\/repo-GGUF\/bad\.gguf: its sha256 is [0-9a-f]{64}, the hub says f{64}\. The downloaded file was deleted/,
      );
      return true;
    });
    assert.deepEqual(await readdir(join(storeDir, 'bad/repo-GGUF')), []);
    assert.deepEqual(await listModels(storeDir), []);
  });

  it('asks for HF_TOKEN on a gated model, sends it to the hub and never to the CDN', async () => {
    hub.requiredToken = 'hf_secret';
    await assert.rejects(pullModel(storeDir, 'qwen2.5:0.5b', options), (error) => {
      assert.ok(isGatewayError(error, 'model_download_failed'));
      assert.equal(error.upstreamStatus, 401);
      assert.match(
        error.message,
        /refused .* \(HTTP 401\): .*gated or private: accept its licence on huggingface\.co and set HF_TOKEN/,
      );
      return true;
    });
    await assert.rejects(
      pullModel(storeDir, 'qwen2.5:0.5b', { ...options, hub: { ...options.hub, token: 'wrong' } }),
      /HTTP 403\) although HF_TOKEN is set/,
    );
    hub.requests.length = 0;
    await pullModel(storeDir, 'qwen2.5:0.5b', { ...options, hub: { ...options.hub, token: 'hf_secret' } });
    assert.equal(hub.requests.find((request) => request.server === 'hub')?.authorization, 'Bearer hf_secret');
    assert.deepEqual(
      cdnGets().map((request) => request.authorization),
      [undefined],
    );
  });

  it('names the repository or file that does not exist', async () => {
    await assert.rejects(
      pullModel(storeDir, 'hf:nobody/nothing-GGUF/x.gguf', options),
      /repository nobody\/nothing-GGUF not found on Hugging Face \(HTTP 404\)/,
    );
    await assert.rejects(
      pullModel(storeDir, 'hf:someone/tiny-GGUF/other.gguf', options),
      /someone\/tiny-GGUF has no file 'other\.gguf' at revision 'main' \(HTTP 404\)/,
    );
  });

  it('says it is offline when the hub cannot be reached', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    await assert.rejects(
      pullModel(storeDir, 'qwen2.5:0.5b', { ...options, hub: { endpoint, token: undefined } }),
      (error) => {
        assert.ok(isGatewayError(error, 'hub_unreachable'));
        assert.match(
          error.message,
          /cannot reach Hugging Face at http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\): you appear to be offline\. Models already in the store, and the rest of Daulat, still work/,
        );
        return true;
      },
    );
  });

  it('refuses a second pull of the same file while one runs', async () => {
    const target = join(storeDir, QWEN_REPO, QWEN_FILE);
    await mkdir(join(storeDir, QWEN_REPO), { recursive: true });
    const release = await lockfile.lock(target, { realpath: false, lockfilePath: `${target}.lock` });
    try {
      await assert.rejects(
        pullModel(storeDir, 'qwen2.5:0.5b', options),
        /another pull of 'qwen2\.5:0\.5b' is already running/,
      );
    } finally {
      await release();
    }
  });

  it('downloads from a CDN on the hub itself', async () => {
    const local = await startFakeHub({ sameOriginCdn: true });
    try {
      local.addFile({ repo: QWEN_REPO, file: QWEN_FILE, content });
      const result = await pullModel(storeDir, 'qwen2.5:0.5b', {
        ...options,
        hub: { endpoint: local.endpoint, token: undefined },
      });
      assert.deepEqual(await readFile(result.path), content);
      assert.deepEqual(
        local.requests.map((request) => `${request.server} ${request.method} ${request.status}`),
        ['hub HEAD 302', 'cdn GET 200'],
      );
    } finally {
      await local.close();
    }
  });
});

describe('ensureModel', () => {
  let hub: FakeHub;
  let storeDir: string;
  before(async () => {
    hub = await startFakeHub();
    hub.addFile({
      repo: QWEN_REPO,
      file: QWEN_FILE,
      content: await readFile((await testModel({ preset: 'tiny-qwen2', type: 'q8_0' })).path),
    });
  });
  after(() => hub.close());
  beforeEach(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'daulat-ensure-'));
  });

  it('pulls a missing model, logging progress, then finds it without the network', async () => {
    const lines: string[] = [];
    const pulled = await ensureModel(storeDir, 'qwen2.5:0.5b', {
      pull: true,
      log: (line) => lines.push(line),
      hub: { endpoint: hub.endpoint, token: undefined },
    });
    assert.equal(pulled.ok && pulled.pulled, true);
    assert.match(
      lines.join('\n'),
      /not in the store: pulling it[\s\S]*pulling 'qwen2\.5:0\.5b': 100\.0%[\s\S]*pulled to /,
    );
    const offline = { endpoint: `http://127.0.0.1:${await closedPort()}`, token: undefined };
    const found = await ensureModel(storeDir, 'qwen2.5:0.5b', {
      pull: true,
      log: () => undefined,
      hub: offline,
    });
    assert.equal(found.ok && found.pulled, false);
  });

  it('returns typed failures instead of throwing: not downloaded, offline', async () => {
    const noPull = await ensureModel(storeDir, 'qwen2.5:0.5b', { pull: false, log: () => undefined });
    assert.equal(noPull.ok, false);
    assert.equal(!noPull.ok && noPull.reason, 'not_downloaded');
    assert.match(
      !noPull.ok ? noPull.error.message : '',
      /run `daulat pull qwen2\.5:0\.5b`, or start without --no-pull/,
    );
    const offline = await ensureModel(storeDir, 'qwen2.5:0.5b', {
      pull: true,
      log: () => undefined,
      hub: { endpoint: `http://127.0.0.1:${await closedPort()}`, token: undefined },
    });
    assert.equal(!offline.ok && offline.reason, 'offline');
    const local = await ensureModel(storeDir, '/nowhere/model.gguf', { pull: true, log: () => undefined });
    assert.equal(!local.ok && local.reason, 'not_downloaded');
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
