'use strict';
// Reads the MobileNetV2 TF.js layers model shipped inside the nsfwjs npm package: the Keras
// topology (model.min.js, a UMD wrapper around a JSON object) and the weights (a base64 string in
// group1-shard1of1.min.js, uint8 affine-quantised per tensor).
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

// the package's "exports" map hides package.json and the model files, so resolve by path
const PACKAGE_DIR = path.join(__dirname, '..', 'node_modules', 'nsfwjs');
const MODEL_DIR = path.join(PACKAGE_DIR, 'dist', 'models', 'mobilenet_v2');
const MODEL_FILE = path.join(MODEL_DIR, 'model.min.js');
const SHARD_FILE = path.join(MODEL_DIR, 'group1-shard1of1.min.js');

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The model JSON ({modelTopology, weightsManifest}) and the raw weight bytes, as TF.js sees them. */
function loadArtifacts() {
  const modelJson = require(MODEL_FILE);
  const shard = require(SHARD_FILE);
  if (typeof shard !== 'string') {
    throw new Error(`expected a base64 string in ${SHARD_FILE}, got ${typeof shard}`);
  }
  const weightData = Buffer.from(shard, 'base64');
  const version = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).version;
  return {
    modelJson,
    weightData,
    version,
    files: {
      [path.relative(PACKAGE_DIR, MODEL_FILE)]: sha256(MODEL_FILE),
      [path.relative(PACKAGE_DIR, SHARD_FILE)]: sha256(SHARD_FILE),
    },
  };
}

const BYTES = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2 };

/**
 * Dequantises every weight into a Float32Array: w = min + scale * q for uint8/uint16 (the TF.js
 * affine scheme). Returns Map name -> {shape, data}.
 */
function decodeWeights(weightsManifest, weightData) {
  const out = new Map();
  let offset = 0;
  for (const group of weightsManifest) {
    for (const spec of group.weights) {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      const q = spec.quantization;
      const storedType = q ? q.dtype : spec.dtype;
      const bytes = size * BYTES[storedType];
      const view = weightData.subarray(offset, offset + bytes);
      const data = new Float32Array(size);
      if (q && (q.dtype === 'uint8' || q.dtype === 'uint16')) {
        const ints = q.dtype === 'uint8'
          ? new Uint8Array(view.buffer, view.byteOffset, size)
          : new Uint16Array(view.buffer.slice(view.byteOffset, view.byteOffset + bytes));
        for (let i = 0; i < size; i++) data[i] = ints[i] * q.scale + q.min;
      } else if (!q && spec.dtype === 'float32') {
        data.set(new Float32Array(view.buffer.slice(view.byteOffset, view.byteOffset + bytes)));
      } else {
        throw new Error(`unsupported weight encoding for ${spec.name}: ${JSON.stringify(spec)}`);
      }
      out.set(spec.name, { shape: spec.shape, data });
      offset += bytes;
    }
  }
  if (offset !== weightData.length) {
    throw new Error(`weights manifest covers ${offset} bytes, shard has ${weightData.length}`);
  }
  return out;
}

module.exports = { loadArtifacts, decodeWeights, sha256 };
