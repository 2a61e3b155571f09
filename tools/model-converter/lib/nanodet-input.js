'use strict';
// NanoDet's input tensor: NCHW float, channels in BGR order, (v - mean) / std per channel.
const { MEAN_BGR, STD_BGR } = require('./nanodet-model');

/** An RGB image ({width, height, rgb}) as NanoDet's [1, 3, H, W] input; `mode` 'rgb255' for the human-library convention (RGB / 255). */
function toNanoDetInput(img, mode = 'bgr-meanstd') {
  const { width: w, height: h, rgb } = img;
  const plane = w * h;
  const out = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      const v = rgb[p * 3 + c];
      if (mode === 'rgb255') out[c * plane + p] = v / 255;
      else out[(2 - c) * plane + p] = (v - MEAN_BGR[2 - c]) / STD_BGR[2 - c];
    }
  }
  return out;
}

module.exports = { toNanoDetInput };
