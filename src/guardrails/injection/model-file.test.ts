import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModelFile, encodeModelFile, quantiseWeights, serializeModelFile } from './model-file.ts';

void describe('model file', () => {
  const weights = new Float64Array(16);
  weights[1] = 1.27;
  weights[5] = -0.635;
  weights[9] = 0.004;
  weights[15] = 0.5;

  void it('quantises to signed bytes with one scale and drops what rounds to zero', () => {
    const quantised = quantiseWeights(weights);
    assert.equal(quantised.scale, 0.01);
    assert.deepEqual([...quantised.values], [0, 127, 0, 0, 0, -63, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50]);
  });

  void it('round-trips through the sparse encoding', () => {
    const quantised = quantiseWeights(weights);
    const file = encodeModelFile(
      { bits: 4, window: 8, stride: 4, bias: -1.5 },
      quantised,
      { block: 0.9, indirect: 0.7 },
      {},
    );
    const model = decodeModelFile(JSON.parse(serializeModelFile(file)) as typeof file);
    assert.deepEqual([...model.weights], [...quantised.values]);
    assert.equal(model.scale, 0.01);
    assert.equal(model.bias, -1.5);
    assert.deepEqual(model.thresholds, { block: 0.9, indirect: 0.7 });
    assert.equal(model.lengthSlope, 0, 'a file without a length correction has none');
  });

  void it('keeps the length correction', () => {
    const file = encodeModelFile(
      { bits: 4, window: 8, stride: 4, bias: 0, lengthSlope: 0.6 },
      quantiseWeights(weights),
      { block: 0.9, indirect: 0.7 },
      {},
    );
    assert.equal(decodeModelFile(JSON.parse(serializeModelFile(file)) as typeof file).lengthSlope, 0.6);
  });

  void it('serialises the same model to the same bytes', () => {
    const build = (): string =>
      serializeModelFile(
        encodeModelFile(
          { bits: 4, window: 8, stride: 4, bias: 0.25 },
          quantiseWeights(weights),
          { block: 0.9, indirect: 0.7 },
          { seed: 1 },
        ),
      );
    assert.equal(build(), build());
  });

  void it('refuses a file of another format', () => {
    const file = encodeModelFile(
      { bits: 4, window: 8, stride: 4, bias: 0 },
      quantiseWeights(weights),
      { block: 1, indirect: 1 },
      {},
    );
    assert.throws(() => decodeModelFile({ ...file, format: 'other/9' }), /unknown format 'other\/9'/);
  });
});
