'use strict';
// NanoDet (GFL head) decoding, the reference for the Java tagger (NanoDetTagger):
// for each level (stride s) and cell (row r, col c) the centre is ((c + 0.5) s, (r + 0.5) s) in
// input pixels; each side's distance is s * sum_i i * softmax(bins)_i over reg_max + 1 bins (GFL's
// "integral" of the distribution), box = (cx - left, cy - top, cx + right, cy + bottom) clipped to
// the input. Candidates: every (cell, class) with a score above the threshold; then per-class NMS
// (IoU above iou drops the lower score) and the best maxDetections overall.
const { REG_MAX, STRIDES } = require('./nanodet-model');

function decode(outputs, inputW, inputH, { scoreThreshold = 0.35, iou = 0.6, maxDetections = 20 } = {}) {
  const bins = REG_MAX + 1;
  const candidates = [];
  for (const s of STRIDES) {
    const cols = Math.ceil(inputW / s);
    const rows = Math.ceil(inputH / s);
    const cls = outputs[`cls_s${s}`];
    const reg = outputs[`reg_s${s}`];
    const classes = cls.length / (rows * cols);
    for (let cell = 0; cell < rows * cols; cell++) {
      let dist = null;
      for (let k = 0; k < classes; k++) {
        const score = cls[cell * classes + k];
        if (!(score > scoreThreshold)) continue;
        if (!dist) {
          dist = [0, 0, 0, 0].map((_, side) => {
            const o = cell * 4 * bins + side * bins;
            let max = -Infinity;
            for (let i = 0; i < bins; i++) max = Math.max(max, reg[o + i]);
            let sum = 0;
            let weighted = 0;
            for (let i = 0; i < bins; i++) {
              const e = Math.exp(reg[o + i] - max);
              sum += e;
              weighted += i * e;
            }
            return (weighted / sum) * s;
          });
        }
        const cx = ((cell % cols) + 0.5) * s;
        const cy = (Math.floor(cell / cols) + 0.5) * s;
        const clip = (v, hi) => Math.max(0, Math.min(hi, v));
        candidates.push({
          classId: k,
          score,
          box: [clip(cx - dist[0], inputW), clip(cy - dist[1], inputH), clip(cx + dist[2], inputW), clip(cy + dist[3], inputH)],
        });
      }
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const kept = [];
  for (const c of candidates) {
    if (kept.length >= maxDetections) break;
    if (kept.some((k) => k.classId === c.classId && iouOf(k.box, c.box) > iou)) continue;
    kept.push(c);
  }
  return kept;
}

function iouOf(a, b) {
  const w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = w * h;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

module.exports = { decode, iouOf };
