'use strict';
// Golden values for the Java test: block_10_expand_relu of the ORIGINAL model (TF.js layers, its own
// dequantisation) on one image in [0,1] range (RGB / 255, as nsfwjs feeds it; see README).
// Usage: node golden.js image.ppm  -> prints (row, col, channel, value) entries and the pooled head
const tf = require('@tensorflow/tfjs');
const { loadArtifacts } = require('./lib/nsfwjs-model');
const { readPpm, toNhwc } = require('./lib/images');

async function main() {
  await tf.setBackend('cpu');
  const { modelJson, weightData } = loadArtifacts();
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    })
  );
  const probe = tf.model({ inputs: model.inputs, outputs: model.getLayer('block_10_expand_relu').output });
  const img = readPpm(process.argv[2]);
  const out = probe.predict(tf.tensor4d(toNhwc(img, '0,1'), [1, 224, 224, 3]));
  const [, h, w, c] = out.shape;
  const data = out.dataSync();
  const at = (r, col, ch) => data[(r * w + col) * c + ch];
  const entries = [];
  for (const [r, col] of [[0, 0], [3, 5], [7, 7], [10, 2], [13, 13]]) {
    let best = 0;
    for (let ch = 1; ch < c; ch++) if (at(r, col, ch) > at(r, col, best)) best = ch;
    for (const ch of [best, 17, 200]) entries.push([r, col, ch, at(r, col, ch)]);
  }
  const pooled = new Float64Array(c);
  for (let p = 0; p < h * w; p++) for (let ch = 0; ch < c; ch++) pooled[ch] += data[p * c + ch] / (h * w);
  console.log(JSON.stringify({ shape: out.shape, entries, pooledHead: Array.from(pooled.slice(0, 8)) }, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
