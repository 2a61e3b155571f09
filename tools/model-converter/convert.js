'use strict';
// Usage: node convert.js [--out FILE] [--outputs a,b] [--pooled a,b]
// Default: the MobileNetV2 trunk of nsfwjs cut at block_10_expand_relu, plus its global average.
const fs = require('fs');
const path = require('path');
const { loadArtifacts, decodeWeights, sha256 } = require('./lib/nsfwjs-model');
const { convert } = require('./lib/keras2onnx');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const DEFAULT_OUT = path.join(__dirname, '..', '..', 'core', 'src', 'main', 'resources', 'models', 'mobilenetv2-nsfwjs440-block10.onnx');
const out = path.resolve(arg('out', DEFAULT_OUT));
const outputs = arg('outputs', 'block_10_expand_relu').split(',').filter(Boolean);
const pooled = arg('pooled', 'block_10_expand_relu').split(',').filter(Boolean);

const artifacts = loadArtifacts();
const weights = decodeWeights(artifacts.modelJson.weightsManifest, artifacts.weightData);
const result = convert(artifacts.modelJson.modelTopology, weights, {
  outputs,
  pooled,
  inputName: 'input',
  graphName: 'mobilenetv2_nsfwjs',
  docString:
    `MobileNetV2 (alpha 1.0, 224) from nsfwjs@${artifacts.version} (MIT, GantMan/infinitered), ` +
    `converted by Skim tools/model-converter. Input NCHW float RGB; outputs: ${[...outputs, ...pooled.map((p) => p + '_gap')].join(', ')}.`,
  metadata: { source: `npm:nsfwjs@${artifacts.version}`, license: 'MIT', ...artifacts.files },
});
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, result.bytes);
console.log(JSON.stringify({
  nsfwjs: artifacts.version,
  inputs: artifacts.files,
  output: out,
  bytes: result.bytes.length,
  nodes: result.nodeCount,
  weightsUsed: result.usedWeights.size,
  sha256: sha256(out),
}, null, 2));
