'use strict';
// Parity: the original model run by its own runtime (TF.js layers, pure-JS CPU backend, its own
// dequantisation) against the converted ONNX run by ONNX Runtime, on the same input tensors.
// Usage: node parity.js [--onnx FILE] [--layers a,b] [--range 0,1|-1,1|both] img1.ppm img2.ppm ...
// Needs an ONNX exported with the compared layers as outputs (see README).
const path = require('path');
const tf = require('@tensorflow/tfjs');
const ort = require('onnxruntime-node');
const { loadArtifacts } = require('./lib/nsfwjs-model');
const { readPpm, synthetic, toNhwc, nhwcToNchw } = require('./lib/images');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const onnxFile = path.resolve(arg('onnx', path.join(__dirname, '..', '..', 'core', 'src', 'main', 'resources', 'models', 'mobilenetv2-nsfwjs440-block10.onnx')));
  const layers = arg('layers', 'block_10_expand_relu').split(',');
  const ranges = arg('range', 'both') === 'both' ? ['0,1', '-1,1'] : [arg('range')];
  const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] || '').startsWith('--'));
  const images = files.map((f) => ({ name: path.basename(f), ...readPpm(f) }));
  images.push({ name: 'synthetic-1', ...synthetic(1) }, { name: 'synthetic-2', ...synthetic(2) });

  await tf.setBackend('cpu');
  const { modelJson, weightData } = loadArtifacts();
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    })
  );
  const probe = tf.model({ inputs: model.inputs, outputs: layers.map((l) => model.getLayer(l).output) });
  const session = await ort.InferenceSession.create(onnxFile, { intraOpNumThreads: 2 });

  const report = [];
  let worst = 0;
  for (const range of ranges) {
    for (const img of images) {
      if (img.width !== 224 || img.height !== 224) throw new Error(`${img.name}: need 224x224`);
      const nhwc = toNhwc(img, range);
      const t0 = Date.now();
      const tfOut = tf.tidy(() => {
        const r = probe.predict(tf.tensor4d(nhwc, [1, 224, 224, 3]));
        return (Array.isArray(r) ? r : [r]).map((t) => ({ shape: t.shape, data: t.dataSync() }));
      });
      const tfMs = Date.now() - t0;
      const t1 = Date.now();
      const ortOut = await session.run({ input: new ort.Tensor('float32', nhwcToNchw(nhwc, 224, 224, 3), [1, 3, 224, 224]) });
      const ortMs = Date.now() - t1;
      layers.forEach((layer, i) => {
        const ref = tfOut[i];
        const got = ortOut[layer];
        if (!got) throw new Error(`${onnxFile} has no output ${layer}`);
        const [, h, w, c] = ref.shape.length === 4 ? ref.shape : [1, 1, 1, ref.shape[1]];
        const refNchw = ref.shape.length === 4 ? nhwcToNchw(ref.data, h, w, c) : ref.data;
        let maxDiff = 0;
        let maxRef = 0;
        for (let k = 0; k < refNchw.length; k++) {
          maxDiff = Math.max(maxDiff, Math.abs(refNchw[k] - got.data[k]));
          maxRef = Math.max(maxRef, Math.abs(refNchw[k]));
        }
        worst = Math.max(worst, maxDiff);
        report.push({ range, image: img.name, layer, shape: got.dims.join('x'), maxAbsDiff: maxDiff, maxAbsValue: maxRef, tfjsMs: tfMs, ortMs });
      });
    }
  }
  console.table(report);
  console.log(`largest |TF.js - ONNX Runtime| over all images, ranges and layers: ${worst.toExponential(3)}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
