// Writes a random-weight GGUF test model, e.g. for benchmarks:
//   node --import tsx scripts/make-model.ts --preset qwen2.5-0.5b --type q8_0 --out data/models/qwen2.5-0.5b-q8_0.gguf [--seed N]
import { parseArgs } from 'node:util';
import { PRESETS, writeTestModel, type PresetName, type WeightType } from '../test/helpers/gguf/index.ts';

const TYPES: readonly WeightType[] = ['f32', 'f16', 'q8_0'];
const USAGE = `usage: make-model --preset <${Object.keys(PRESETS).join('|')}> --out <file.gguf>
       [--type ${TYPES.join('|')}] [--seed N] [--name NAME] [--context-length N] [--script '["a", "b"]']`;

function fail(message: string): never {
  console.error(`make-model: ${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    preset: { type: 'string' },
    type: { type: 'string', default: 'f16' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    name: { type: 'string' },
    'context-length': { type: 'string' },
    script: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help === true) {
  console.log(USAGE);
  process.exit(0);
}
const preset = values.preset ?? fail('--preset is required');
if (!(preset in PRESETS)) fail(`unknown preset '${preset}'`);
if (!TYPES.includes(values.type as WeightType)) fail(`unknown type '${values.type}'`);
const out = values.out ?? fail('--out is required');
const seed = Number(values.seed);
if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, got '${values.seed}'`);
const contextLength = values['context-length'] === undefined ? undefined : Number(values['context-length']);
const script = values.script === undefined ? undefined : (JSON.parse(values.script) as string[]);

const started = performance.now();
const model = await writeTestModel(out, {
  preset: preset as PresetName,
  type: values.type as WeightType,
  seed,
  ...(values.name !== undefined && { name: values.name }),
  ...(contextLength !== undefined && { contextLength }),
  ...(script !== undefined && { script }),
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${model.path}: ${preset} ${values.type}, ${(model.parameterCount / 1e6).toFixed(1)}M parameters, ` +
    `${(model.bytes / 2 ** 20).toFixed(1)} MiB, sha256 ${model.sha256}, ${seconds} s`,
);
