'use strict';
// Test images: binary PPM (P6, 8-bit) files, and seeded synthetic pictures.
const fs = require('fs');

function readPpm(file) {
  const buf = fs.readFileSync(file);
  const header = [];
  let pos = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) { // '#' comment
      while (buf[pos] !== 0x0a) pos++;
      continue;
    }
    let token = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]))) token += String.fromCharCode(buf[pos++]);
    header.push(token);
  }
  pos++; // the single whitespace after maxval
  const [magic, w, h, max] = header;
  if (magic !== 'P6' || max !== '255') throw new Error(`${file}: not an 8-bit P6 PPM`);
  const width = Number(w);
  const height = Number(h);
  return { width, height, rgb: new Uint8Array(buf.subarray(pos, pos + width * height * 3)) };
}

/** A 224x224 picture of stripes, a gradient and a disc, fixed by the seed (mulberry32). */
function synthetic(seed, size = 224) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const fx = 0.02 + rand() * 0.1;
  const fy = 0.02 + rand() * 0.1;
  const cx = rand() * size;
  const cy = rand() * size;
  const r = (0.1 + rand() * 0.3) * size;
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 3;
      const disc = Math.hypot(x - cx, y - cy) < r;
      rgb[o] = disc ? 230 : Math.round(127 + 120 * Math.sin(x * fx));
      rgb[o + 1] = Math.round(127 + 120 * Math.cos(y * fy));
      rgb[o + 2] = disc ? 20 : Math.floor(((x + y) * 255) / (2 * size));
    }
  }
  return { width: size, height: size, rgb };
}

/** NHWC float32 [1,H,W,3] in the given range: '0,1' (x/255) or '-1,1' (x/127.5 - 1). */
function toNhwc(img, range) {
  const out = new Float32Array(img.rgb.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = range === '-1,1' ? img.rgb[i] / 127.5 - 1 : img.rgb[i] / 255;
  }
  return out;
}

function nhwcToNchw(data, h, w, c) {
  const out = new Float32Array(data.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let k = 0; k < c; k++) out[(k * h + y) * w + x] = data[(y * w + x) * c + k];
  return out;
}

module.exports = { readPpm, synthetic, toNhwc, nhwcToNchw };
