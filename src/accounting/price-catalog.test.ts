import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../config/load.ts';
import { accountingSchema } from '../config/schema.ts';
import { DEFAULT_PRICES_PATH, loadPriceCatalog, parsePriceCatalog } from './price-catalog.ts';

async function catalogFile(text: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'daulat-prices-'));
  const path = join(directory, 'prices.yaml');
  await writeFile(path, text);
  return path;
}

const valid = `
version: 3
as_of: 2025-10-01
models:
  - id: gpt-4.1
    provider: openai
    aliases: [gpt-4.1-2025-04-14]
    input: 2
    cached_input: 0.5
    output: 8
    source: https://platform.openai.com/docs/pricing
  - id: qwen-plus
    provider: alibaba
    input: 0.4
    cached_input: 0.08
    output: 1.2
    reasoning: 4
    source: https://www.alibabacloud.com/help/en/model-studio/models
    as_of: 2025-09-01
    note: approximate in thinking mode
`;

/** Asserts that loading `text` fails with a ConfigError naming the file and matching `pattern`. */
async function assertRejects(text: string, pattern: RegExp): Promise<void> {
  const path = await catalogFile(text);
  await assert.rejects(loadPriceCatalog(path), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.ok(error.message.includes(path), `message names the file: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('loadPriceCatalog: the shipped catalog', () => {
  it('locates pricing/prices.yaml two levels above src/accounting', () => {
    assert.match(DEFAULT_PRICES_PATH.replaceAll('\\', '/'), /\/pricing\/prices\.yaml$/);
  });

  it('gives every model a provider pricing page and usable prices', async () => {
    const catalog = await loadPriceCatalog();
    assert.ok(catalog.models.length > 0);
    for (const model of catalog.models) {
      assert.match(model.source, /^https:\/\/\S+$/, `${model.id}: source`);
      for (const price of [model.input, model.cachedInput, model.output, model.reasoning]) {
        assert.ok(Number.isFinite(price) && price >= 0, `${model.id}: price ${price}`);
      }
      assert.ok(model.input > 0 && model.output > 0, `${model.id}: input and output are priced`);
      assert.ok(model.cachedInput <= model.input, `${model.id}: a cache hit never costs more than input`);
      assert.match(model.asOf, /^\d{4}-\d{2}-\d{2}$/, `${model.id}: as_of`);
    }
  });

  it('covers the providers and models teams compare against, including the default reference model', async () => {
    const catalog = await loadPriceCatalog();
    const wanted = [
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-4o',
      'gpt-4o-mini',
      'o3',
      'o4-mini',
      'claude-opus-4-5',
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'deepseek-chat',
      'deepseek-reasoner',
      'qwen-max',
      'qwen-plus',
      'qwen-turbo',
      'kimi-k2',
      accountingSchema.parse({}).reference_model,
    ];
    for (const id of wanted) assert.ok(catalog.price(id), `${id} is in the catalog`);
    assert.deepEqual([...new Set(catalog.models.map((model) => model.provider))].sort(), [
      'alibaba',
      'anthropic',
      'deepseek',
      'google',
      'moonshot',
      'openai',
    ]);
  });
});

describe('loadPriceCatalog: a user file', () => {
  it('reads prices, defaulting reasoning to output and as_of to the catalog date', async () => {
    const catalog = await loadPriceCatalog(await catalogFile(valid));
    assert.equal(catalog.version, 3);
    assert.equal(catalog.asOf, '2025-10-01');
    const gpt = catalog.price('gpt-4.1');
    assert.deepEqual(gpt && [gpt.input, gpt.cachedInput, gpt.output, gpt.reasoning, gpt.asOf, gpt.note], [
      2,
      0.5,
      8,
      8,
      '2025-10-01',
      undefined,
    ]);
    const qwen = catalog.price('qwen-plus');
    assert.deepEqual(qwen && [qwen.reasoning, qwen.asOf], [4, '2025-09-01']);
  });

  it('reports a missing file by name', async () => {
    await assert.rejects(
      loadPriceCatalog('/nonexistent/prices.yaml'),
      /cannot read price catalog \/nonexistent\/prices\.yaml: no such file/,
    );
  });

  it('reports invalid YAML with the file, line and column', async () => {
    await assertRejects('version: 1\nmodels: [\n', /prices\.yaml:\d+:\d+: invalid YAML/);
  });

  it('names a missing field by its path', async () => {
    await assertRejects(valid.replace('    output: 8\n', ''), /models\[0\]\.output: /);
  });

  it('rejects a negative price, naming the field', async () => {
    await assertRejects(
      valid.replace('cached_input: 0.08', 'cached_input: -0.08'),
      /models\[1\]\.cached_input: /,
    );
  });

  it('rejects a misspelt field rather than ignoring it', async () => {
    await assertRejects(valid.replace('reasoning: 4', 'reasonig: 4'), /models\[1\]: .*reasonig/);
  });

  it('rejects a source that is not a URL and an as_of that is not a date', async () => {
    await assertRejects(
      valid.replace('source: https://platform.openai.com/docs/pricing', 'source: see website'),
      /models\[0\]\.source: expected the http\(s\) URL of the pricing page/,
    );
    await assertRejects(valid.replace('as_of: 2025-10-01', 'as_of: October'), /as_of: /);
  });

  it('rejects an id or alias used twice, ignoring case', async () => {
    await assertRejects(
      valid.replace('aliases: [gpt-4.1-2025-04-14]', 'aliases: [GPT-4.1]'),
      /models\[0\]\.aliases\[0\]: duplicate model id 'GPT-4.1'/,
    );
  });
});

describe('PriceCatalog.price', () => {
  const catalog = parsePriceCatalog(
    {
      version: 1,
      as_of: '2025-10-01',
      models: [
        {
          id: 'claude-sonnet-4-5',
          provider: 'anthropic',
          aliases: ['claude-sonnet-4-5-20250929'],
          input: 3,
          cached_input: 0.3,
          output: 15,
          source: 'https://platform.claude.com/docs/en/about-claude/pricing',
        },
      ],
    },
    'test catalog',
  );

  it('finds a model by id or alias, ignoring case and surrounding spaces', () => {
    assert.equal(catalog.price('claude-sonnet-4-5')?.id, 'claude-sonnet-4-5');
    assert.equal(catalog.price(' Claude-Sonnet-4-5 ')?.id, 'claude-sonnet-4-5');
    assert.equal(catalog.price('claude-sonnet-4-5-20250929')?.id, 'claude-sonnet-4-5');
  });

  it('accepts the provider/id form only with the right provider', () => {
    assert.equal(catalog.price('Anthropic/claude-sonnet-4-5')?.id, 'claude-sonnet-4-5');
    assert.equal(catalog.price('openai/claude-sonnet-4-5'), undefined);
  });

  it('returns undefined for a model it lacks', () => {
    assert.equal(catalog.price('gpt-4.1'), undefined);
    assert.equal(catalog.price(''), undefined);
  });

  it('names the source in validation errors of an in-memory catalog', () => {
    assert.throws(
      () => parsePriceCatalog({ version: 1, as_of: '2025-10-01', models: [] }, 'test catalog'),
      /invalid price catalog in test catalog:\n {2}models: list at least one model/,
    );
  });
});
