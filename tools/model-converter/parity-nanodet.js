'use strict';
// Parity for NanoDet: the original TF.js graph model (pure-JS CPU backend, its own fp16 decoding)
// against the converted ONNX in ONNX Runtime, same 416x416 input tensors (BGR, NanoDet's mean/std).
// Usage: node parity-nanodet.js [--onnx FILE] img1.ppm img2.ppm ...   (416x416 PPMs, see README)
const path = require('path');
const tf = require('@tensorflow/tfjs');
const ort = require('onnxruntime-node');
const { loadNanoDet, OUTPUTS, INPUT_SIZE } = require('./lib/nanodet-model');
const { readPpm, synthetic } = require('./lib/images');
const { toNanoDetInput } = require('./lib/nanodet-input');
const { decode } = require('./lib/nanodet-decode');
const { COCO } = require('./lib/coco');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const onnxFile = path.resolve(arg('onnx', path.join(__dirname, '..', '..', 'core', 'src', 'main', 'resources', 'models', 'nanodet-g-coco80.onnx')));
  const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] || '').startsWith('--'));
  const images = files.map((f) => ({ name: path.basename(f), ...readPpm(f) }));
  images.push({ name: 'synthetic-1', ...synthetic(1, INPUT_SIZE) }, { name: 'synthetic-2', ...synthetic(2, INPUT_SIZE) });

  await tf.setBackend('cpu');
  const { modelJson, weightData } = loadNanoDet();
  const model = await tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    })
  );
  const tfNames = Object.keys(OUTPUTS);
  const session = await ort.InferenceSession.create(onnxFile, { intraOpNumThreads: 2 });

  const report = [];
  const worst = {};
  for (const img of images) {
    if (img.width !== INPUT_SIZE || img.height !== INPUT_SIZE) throw new Error(`${img.name}: need ${INPUT_SIZE}x${INPUT_SIZE}`);
    const nchw = toNanoDetInput(img);
    const t0 = Date.now();
    const tfOut = tf.tidy(() => model.execute(tf.tensor4d(nchw, [1, 3, INPUT_SIZE, INPUT_SIZE]), tfNames).map((t) => t.dataSync()));
    const tfMs = Date.now() - t0;
    const t1 = Date.now();
    const ortOut = await session.run({ input: new ort.Tensor('float32', nchw, [1, 3, INPUT_SIZE, INPUT_SIZE]) });
    const ortMs = Date.now() - t1;
    const ref = {};
    tfNames.forEach((tfName, i) => {
      const name = OUTPUTS[tfName];
      const got = ortOut[name].data;
      ref[name] = tfOut[i];
      if (got.length !== tfOut[i].length) throw new Error(`${name}: ${got.length} values, TF.js ${tfOut[i].length}`);
      let maxDiff = 0;
      let maxAbs = 0;
      for (let k = 0; k < got.length; k++) {
        maxDiff = Math.max(maxDiff, Math.abs(got[k] - tfOut[i][k]));
        maxAbs = Math.max(maxAbs, Math.abs(tfOut[i][k]));
      }
      worst[name] = Math.max(worst[name] || 0, maxDiff);
      report.push({ image: img.name, output: name, shape: ortOut[name].dims.join('x'), maxAbsDiff: maxDiff, maxAbsValue: maxAbs, tfjsMs: tfMs, ortMs });
    });
    const dets = decode(ref, INPUT_SIZE, INPUT_SIZE);
    const persons = dets.filter((d) => d.classId === 0);
    console.log(`${img.name}: ${dets.length} detections (TF.js outputs), ${persons.length} person, top: ${dets.slice(0, 3).map((d) => `${COCO[d.classId]} ${d.score.toFixed(3)}`).join(', ')}`);
  }
  console.table(report);
  console.log('largest |TF.js - ONNX Runtime| per output over all images:');
  console.table(worst);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
