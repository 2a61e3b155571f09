'use strict';
// Reads a TF.js graph model (model JSON with a GraphDef topology + binary weight files) and decodes
// its weights the way TF.js does: float16-stored weights to float32, uint8/uint16 affine-quantised
// weights as min + scale * q, int32 and float32 as they are.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** IEEE 754 half (as an unsigned 16-bit int) to a JS number, exact. */
function halfToFloat(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const BYTES = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2, bool: 1 };

/**
 * Decodes every weight of the manifest. Returns Map name -> {dtype ('float32' | 'int32'), shape,
 * data (Float32Array | Int32Array)}.
 */
function decodeWeights(weightsManifest, weightData) {
  const out = new Map();
  let offset = 0;
  for (const group of weightsManifest) {
    for (const spec of group.weights) {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      const q = spec.quantization;
      const stored = q ? q.dtype : spec.dtype;
      const bytes = size * BYTES[stored];
      const view = weightData.subarray(offset, offset + bytes);
      let data;
      if (spec.dtype === 'int32' && !q) {
        data = new Int32Array(size);
        for (let i = 0; i < size; i++) data[i] = view.readInt32LE(i * 4);
      } else if (spec.dtype === 'float32' && !q) {
        data = new Float32Array(size);
        for (let i = 0; i < size; i++) data[i] = view.readFloatLE(i * 4);
      } else if (spec.dtype === 'float32' && q.dtype === 'float16') {
        data = new Float32Array(size);
        for (let i = 0; i < size; i++) data[i] = halfToFloat(view.readUInt16LE(i * 2));
      } else if (spec.dtype === 'float32' && (q.dtype === 'uint8' || q.dtype === 'uint16')) {
        data = new Float32Array(size);
        for (let i = 0; i < size; i++) {
          const v = q.dtype === 'uint8' ? view[i] : view.readUInt16LE(i * 2);
          data[i] = v * q.scale + q.min;
        }
      } else {
        throw new Error(`unsupported weight encoding for ${spec.name}: ${JSON.stringify(spec)}`);
      }
      out.set(spec.name, { dtype: spec.dtype, shape: spec.shape, data });
      offset += bytes;
    }
  }
  if (offset !== weightData.length) {
    throw new Error(`weights manifest covers ${offset} bytes, the weight files have ${weightData.length}`);
  }
  return out;
}

/**
 * Loads a graph model from its JSON file: {modelJson, weightData (Buffer, all paths concatenated),
 * weights (decoded), files (relative path -> SHA-256)}.
 */
function loadGraphModel(jsonFile, baseDir = path.dirname(jsonFile)) {
  const modelJson = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  if (modelJson.format !== 'graph-model') throw new Error(`${jsonFile}: format ${modelJson.format}, expected graph-model`);
  const files = { [path.relative(baseDir, jsonFile)]: sha256(jsonFile) };
  const buffers = [];
  for (const group of modelJson.weightsManifest) {
    for (const p of group.paths) {
      const file = path.join(path.dirname(jsonFile), p);
      buffers.push(fs.readFileSync(file));
      files[path.relative(baseDir, file)] = sha256(file);
    }
  }
  const weightData = Buffer.concat(buffers);
  return { modelJson, weightData, weights: decodeWeights(modelJson.weightsManifest, weightData), files };
}

module.exports = { loadGraphModel, decodeWeights, halfToFloat, sha256 };
