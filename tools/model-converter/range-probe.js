'use strict';
// Which input range do the frozen layers expect? Batch normalisation keeps the running mean and
// variance of its input as seen in training; layers frozen with trainable=false keep the values
// from ImageNet pre-training. Feed real images in each candidate range, standardise each BN
// layer's input with the stored statistics, z = (x - moving_mean) / sqrt(moving_variance + eps),
// and report how far z is from zero mean and unit variance. The range the layers were trained on
// gives |mean z| near 0 and var z near 1, most clearly at the first layer.
// Usage: node range-probe.js img1.ppm img2.ppm ...
const path = require('path');
const os = require('os');
const fs = require('fs');
const ort = require('onnxruntime-node');
const { loadArtifacts, decodeWeights } = require('./lib/nsfwjs-model');
const { convert, ancestors } = require('./lib/keras2onnx');
const { readPpm, toNhwc, nhwcToNchw } = require('./lib/images');

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('give some 224x224 PPM images of natural scenes');
  const { modelJson, weightData } = loadArtifacts();
  const weights = decodeWeights(modelJson.weightsManifest, weightData);
  const layers = modelJson.modelTopology.model_config.config.layers;
  const byName = new Map(layers.map((l) => [l.name, l]));
  const frozen = ancestors(byName, ['block_10_expand_relu']);
  const bns = layers.filter((l) => l.class_name === 'BatchNormalization' && frozen.has(l.name));
  const bnInputs = bns.map((l) => l.inbound_nodes[0][0][0]);
  const { bytes } = convert(modelJson.modelTopology, weights, { outputs: bnInputs, inputName: 'input' });
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skim-probe-')), 'probe.onnx');
  fs.writeFileSync(tmp, bytes);
  const session = await ort.InferenceSession.create(tmp);
  const images = files.map(readPpm);
  const rows = [];
  const summary = {};
  for (const range of ['0,1', '-1,1', '0,255']) {
    const acc = bns.map(() => null);
    for (const img of images) {
      const nhwc = range === '0,255' ? Float32Array.from(img.rgb) : toNhwc(img, range);
      const out = await session.run({ input: new ort.Tensor('float32', nhwcToNchw(nhwc, 224, 224, 3), [1, 3, 224, 224]) });
      bns.forEach((bn, i) => {
        const t = out[bnInputs[i]];
        const [, c, h, w] = t.dims;
        if (!acc[i]) acc[i] = { sum: new Float64Array(c), sumSq: new Float64Array(c), n: 0 };
        for (let k = 0; k < c; k++) {
          const mean = weights.get(`${bn.name}/moving_mean`).data[k];
          const sd = Math.sqrt(weights.get(`${bn.name}/moving_variance`).data[k] + bn.config.epsilon);
          for (let p = 0; p < h * w; p++) {
            const z = (t.data[k * h * w + p] - mean) / sd;
            acc[i].sum[k] += z;
            acc[i].sumSq[k] += z * z;
          }
        }
        acc[i].n += h * w;
      });
    }
    let totalMean = 0;
    let totalLogVar = 0;
    bns.forEach((bn, i) => {
      const { sum, sumSq, n } = acc[i];
      // channels whose stored variance is ~0 are dead (constant) and say nothing; skip them
      const live = [];
      const zMeans = [];
      const zVars = [];
      const movingVar = weights.get(`${bn.name}/moving_variance`).data;
      for (let k = 0; k < sum.length; k++) {
        if (movingVar[k] < 1e-3) continue;
        const m = sum[k] / n;
        live.push(k);
        zMeans.push(m);
        zVars.push(Math.max(sumSq[k] / n - m * m, 1e-12));
      }
      const absMean = zMeans.reduce((a, m) => a + Math.abs(m), 0) / zMeans.length;
      const logVar = zVars.reduce((a, v) => a + Math.abs(Math.log(v)), 0) / zVars.length;
      totalMean += absMean;
      totalLogVar += logVar;
      if (i < 4 || i === bns.length - 1) {
        rows.push({
          range,
          bn: bn.name,
          liveChannels: `${live.length}/${sum.length}`,
          meanAbsZMean: absMean.toFixed(3),
          medianZVar: median(zVars).toFixed(3),
          meanAbsLogZVar: logVar.toFixed(3),
        });
      }
    });
    summary[range] = { meanAbsZMeanAllBn: (totalMean / bns.length).toFixed(3), meanAbsLogZVarAllBn: (totalLogVar / bns.length).toFixed(3), bnLayers: bns.length };
  }
  console.table(rows);
  console.table(summary);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
