'use strict';
// Golden detections for the Java test (NanoDetTaggerTest): the ORIGINAL NanoDet (TF.js graph model)
// on a square frame, preprocessed as NanoDetTagger does at input side 416 (bilinear resize with
// half-pixel centres to 416x416, BGR, NanoDet's mean/std), decoded by lib/nanodet-decode.js
// (threshold 0.35, per-class NMS at IoU 0.6, 20 best). Boxes as fractions of the frame.
// Usage: java DecodeImage.java ../../core/src/test/resources/tagging/nanodet-vtest200-square.jpg /tmp/sq.ppm
//        node golden-nanodet.js /tmp/sq.ppm
const tf = require('@tensorflow/tfjs');
const { loadNanoDet, OUTPUTS, INPUT_SIZE } = require('./lib/nanodet-model');
const { readPpm } = require('./lib/images');
const { toNanoDetInput } = require('./lib/nanodet-input');
const { decode } = require('./lib/nanodet-decode');
const { COCO } = require('./lib/coco');

/** Bilinear resize, pixel centres aligned, as dev.skim.core.encoder.BilinearResize (float32 steps). */
function resize(img, width, height) {
  const f = Math.fround;
  const { width: sw, height: sh, rgb } = img;
  const values = new Float32Array(width * height * 3);
  const sx = f(sw / width);
  const sy = f(sh / height);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max(f(f(f(y + 0.5) * sy) - 0.5), 0), sh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = f(fy - y0);
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max(f(f(f(x + 0.5) * sx) - 0.5), 0), sw - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, sw - 1);
      const wx = f(fx - x0);
      for (let c = 0; c < 3; c++) {
        const p00 = rgb[(y0 * sw + x0) * 3 + c];
        const p01 = rgb[(y0 * sw + x1) * 3 + c];
        const p10 = rgb[(y1 * sw + x0) * 3 + c];
        const p11 = rgb[(y1 * sw + x1) * 3 + c];
        const top = f(p00 + f(f(p01 - p00) * wx));
        const bottom = f(p10 + f(f(p11 - p10) * wx));
        values[(y * width + x) * 3 + c] = f(top + f(f(bottom - top) * wy));
      }
    }
  }
  return { width, height, rgb: values };
}

async function main() {
  const img = readPpm(process.argv[2]);
  if (img.width !== img.height) throw new Error('the golden frame must be square (the TF.js model is fixed at 416x416)');
  await tf.setBackend('cpu');
  const { modelJson, weightData } = loadNanoDet();
  const model = await tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    })
  );
  const input = toNanoDetInput(resize(img, INPUT_SIZE, INPUT_SIZE));
  const names = Object.keys(OUTPUTS);
  const outs = tf.tidy(() => model.execute(tf.tensor4d(input, [1, 3, INPUT_SIZE, INPUT_SIZE]), names).map((t) => t.dataSync()));
  const byName = Object.fromEntries(names.map((n, i) => [OUTPUTS[n], outs[i]]));
  const dets = decode(byName, INPUT_SIZE, INPUT_SIZE);
  const rows = dets.map((d) => [COCO[d.classId], d.score, ...d.box.map((v) => v / INPUT_SIZE)]);
  console.log(JSON.stringify(rows.map((r) => [r[0], ...r.slice(1).map((v) => Number(v.toFixed(6)))])));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
