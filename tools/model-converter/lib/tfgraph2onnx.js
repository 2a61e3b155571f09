'use strict';
// TF.js graph model (GraphDef JSON, as written by tensorflowjs_converter) -> ONNX graph (opset 13).
//
// Only the ancestors of the requested outputs are converted. Nodes whose inputs are all constants
// (the Reshape target shapes that onnx-tf builds with SparseToDense + AddV2) are evaluated here.
//
// Layouts: every TF tensor is represented by an ONNX tensor plus a permutation `perm` (ONNX axis i
// holds TF axis perm[i]). A TF Transpose only changes `perm`; an ONNX Transpose is emitted only where
// an op needs a given layout: Conv/MaxPool want TF NHWC as ONNX NCHW (perm [0,3,1,2]); Reshape and
// the graph outputs want the TF layout (identity). Elementwise ops, Concat, Split, Pad and Resize
// work in whatever layout they get, with their axes remapped. A zero Pad (or a -inf PadV2) in
// front of a Conv (MaxPool) becomes the op's `pads`; a rank-1 constant added to a Conv's output
// becomes the Conv's bias.
//
// Ops: Placeholder, Const, Identity, Transpose, Pad, PadV2, Conv2D (NHWC, VALID/SAME), MaxPool,
// Add/AddV2, LeakyRelu, Relu, Sigmoid, ConcatV2, SplitV, ResizeBilinear (half-pixel centres, output
// = input x an integer factor or its inverse, emitted as scales so the input size can vary), Reshape; constant
// folding of SparseToDense, AddV2/Add, Cast.
const { onnx } = require('onnx-proto');

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
const INT64 = onnx.TensorProto.DataType.INT64;

function floatTensor(name, dims, data) {
  const f = Float32Array.from(data);
  return { name, dims, dataType: FLOAT, rawData: Buffer.from(f.buffer, f.byteOffset, f.byteLength) };
}

/** The half (uint16 bits) equal to a float, or -1 when the float is not exactly a finite half. */
function exactHalf(v) {
  if (v === 0) return Object.is(v, -0) ? 0x8000 : 0;
  const sign = v < 0 ? 0x8000 : 0;
  const a = Math.abs(v);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  if (e > 15) return -1;
  if (e < -14) {
    const frac = a / 2 ** -24; // subnormal
    return Number.isInteger(frac) && frac < 1024 ? sign | frac : -1;
  }
  const frac = (a / 2 ** e - 1) * 1024;
  return Number.isInteger(frac) ? sign | ((e + 15) << 10) | frac : -1;
}

/** The data as float16 bytes if every value is exactly a half, else null. */
function halfBytes(data) {
  const buf = Buffer.alloc(data.length * 2);
  for (let i = 0; i < data.length; i++) {
    const h = exactHalf(data[i]);
    if (h < 0) return null;
    buf.writeUInt16LE(h, i * 2);
  }
  return buf;
}

function int64Tensor(name, values) {
  const buf = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => buf.writeBigInt64LE(BigInt(v), i * 8));
  return { name, dims: [values.length], dataType: INT64, rawData: buf };
}

const attr = {
  ints: (name, ints) => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints }),
  int: (name, i) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i }),
  float: (name, f) => ({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f }),
  string: (name, s) => ({ name, type: onnx.AttributeProto.AttributeType.STRING, s: Buffer.from(s) }),
};

const IDENTITY4 = [0, 1, 2, 3];
const NCHW_OF_NHWC = [0, 3, 1, 2];

function inverse(perm) {
  const inv = new Array(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

function same(a, b) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** "name:1" -> {node: "name", index: 1}; "^ctrl" inputs are dropped by the caller. */
function parseRef(ref) {
  const m = /^(.*?)(?::(\d+))?$/.exec(ref);
  return { node: m[1], index: m[2] ? Number(m[2]) : 0, key: m[2] && m[2] !== '0' ? `${m[1]}:${m[2]}` : m[1] };
}

function attrOf(node, key) {
  const a = (node.attr || {})[key];
  if (!a) return undefined;
  if (a.list) return (a.list.i || []).map(Number);
  if (a.s !== undefined) return Buffer.from(a.s, 'base64').toString();
  if (a.i !== undefined) return Number(a.i);
  if (a.f !== undefined) return Number(a.f);
  if (a.b !== undefined) return a.b;
  return a;
}

/**
 * Converts a graph model.
 *
 * @param {object} modelJson the TF.js model JSON (modelTopology.node)
 * @param {Map} weights name -> {dtype, shape, data} (lib/tfjs-graph-model.js)
 * @param {object} opts {outputs: {tfNode: onnxName}, inputName, inputShape (TF shape at the nominal
 *     size, e.g. [1,3,416,416]), dynamicSpatial (axes of the input made symbolic), halfWeights
 *     (store conv weights that are exact halves as float16 + Cast), graphName,
 *     docString, metadata}
 */
function convert(modelJson, weights, opts) {
  const nodes = new Map(modelJson.modelTopology.node.map((n) => [n.name, n]));
  const refs = (n) => (n.input || []).filter((i) => !i.startsWith('^')).map(parseRef);

  // ancestors of the outputs, in dependency order (depth-first post-order)
  const order = [];
  const state = new Map();
  const visit = (name) => {
    if (state.get(name) === 2) return;
    if (state.get(name) === 1) throw new Error(`cycle at ${name}`);
    const n = nodes.get(name);
    if (!n) throw new Error(`no node named ${name}`);
    state.set(name, 1);
    for (const r of refs(n)) visit(r.node);
    state.set(name, 2);
    order.push(n);
  };
  for (const out of Object.keys(opts.outputs)) visit(out);
  const consumers = new Map();
  for (const n of order) for (const r of refs(n)) consumers.set(r.key, (consumers.get(r.key) || 0) + 1);

  const onnxNodes = [];
  const initializers = [];
  const usedWeights = new Set();
  const values = new Map(); // TF tensor key -> record
  let counter = 0;
  const fresh = (base) => `${base}/${counter++}`;

  // records: {kind: 'const', dtype, shape, data} or {kind: 'tensor', name, perm, shape (TF), pad?, conv?}
  const constOf = (n) => {
    const w = weights.get(n.name);
    if (!w) throw new Error(`Const ${n.name} has no weight in the manifest`);
    usedWeights.add(n.name);
    return { kind: 'const', dtype: w.dtype, shape: w.shape, data: w.data };
  };
  const get = (r) => {
    const v = values.get(r.key);
    if (!v) throw new Error(`tensor ${r.key} not converted`);
    return v;
  };
  const intValues = (rec, what) => {
    if (rec.kind !== 'const') throw new Error(`${what} must be a constant`);
    return Array.from(rec.data, Number);
  };

  /** Applies a pending pad, so the record's ONNX tensor holds the padded values. */
  const materialize = (rec) => {
    if (!rec.pad) return rec;
    const name = fresh(`${rec.padOf}/pad`);
    const pads = `${name}/pads`;
    initializers.push(int64Tensor(pads, rec.pad.pads));
    const inputs = [rec.name, pads];
    if (rec.pad.value !== 0) {
      initializers.push(floatTensor(`${name}/value`, [], [rec.pad.value]));
      inputs.push(`${name}/value`);
    }
    onnxNodes.push({ name, opType: 'Pad', input: inputs, output: [name] });
    return { kind: 'tensor', name, perm: rec.perm, shape: rec.shape };
  };

  /** The record's tensor in the given layout (perm relative to TF axes), transposing if needed. */
  const inLayout = (rec, perm) => {
    rec = materialize(rec);
    if (same(rec.perm, perm)) return rec;
    const inv = inverse(rec.perm);
    const t = perm.map((axis) => inv[axis]);
    const name = fresh(`${rec.name}/T`);
    onnxNodes.push({ name, opType: 'Transpose', input: [rec.name], output: [name], attribute: [attr.ints('perm', t)] });
    return { kind: 'tensor', name, perm, shape: rec.shape };
  };

  const elementwise = (n, opType, attributes = []) => {
    const rec = materialize(get(refs(n)[0]));
    onnxNodes.push({ name: n.name, opType, input: [rec.name], output: [n.name], attribute: attributes });
    values.set(n.name, { kind: 'tensor', name: n.name, perm: rec.perm, shape: rec.shape });
  };

  /** The spatial pads [top, left, bottom, right] of a pending pad on an NCHW-laid record, or null. */
  const spatialPads = (rec, value) => {
    if (!rec.pad || rec.pad.value !== value) return null;
    const p = rec.pad.pads; // ONNX axes: [b0, b1, b2, b3, e0, e1, e2, e3]
    if (p[0] || p[1] || p[4] || p[5]) return null;
    return [p[2], p[3], p[6], p[7]];
  };

  /** Input of a spatial op: NCHW in ONNX, with a foldable pending pad kept as pads. */
  const spatialInput = (rec, padValue) => {
    if (rec.pad && same(rec.perm, NCHW_OF_NHWC) && spatialPads(rec, padValue)) {
      return { name: rec.name, pads: spatialPads(rec, padValue), shape: rec.shape };
    }
    const r = inLayout(rec, NCHW_OF_NHWC);
    return { name: r.name, pads: [0, 0, 0, 0], shape: r.shape };
  };

  /** TF NHWC output shape of a conv or pool over a (padded) NHWC input. */
  const convOutShape = ([n, h, w], k, s, co, samePadding) =>
    samePadding
      ? [n, Math.ceil(h / s[0]), Math.ceil(w / s[1]), co]
      : [n, Math.floor((h - k[0]) / s[0]) + 1, Math.floor((w - k[1]) / s[1]) + 1, co];

  for (const n of order) {
    const ins = refs(n);
    switch (n.op) {
      case 'Const':
        values.set(n.name, constOf(n));
        break;
      case 'Placeholder': {
        const shape = opts.inputShape;
        values.set(n.name, { kind: 'tensor', name: opts.inputName, perm: IDENTITY4, shape });
        break;
      }
      case 'SparseToDense': {
        const [indices, outShape, vals, dflt] = ins.map(get);
        const shape = intValues(outShape, n.name);
        if (shape.length !== 1) throw new Error(`${n.name}: only 1-D SparseToDense is folded`);
        const data = new Array(shape[0]).fill(intValues(dflt, n.name)[0]);
        const idx = intValues(indices, n.name);
        const v = intValues(vals, n.name);
        idx.forEach((i, k) => (data[i] = v.length === 1 ? v[0] : v[k]));
        values.set(n.name, { kind: 'const', dtype: 'int32', shape, data: Int32Array.from(data) });
        break;
      }
      case 'AddV2':
      case 'Add': {
        const [a, b] = ins.map(get);
        if (a.kind === 'const' && b.kind === 'const') {
          if (a.data.length !== b.data.length) throw new Error(`${n.name}: folded Add needs equal shapes`);
          const data = a.data.map((x, i) => x + b.data[i]);
          values.set(n.name, { kind: 'const', dtype: a.dtype, shape: a.shape, data });
          break;
        }
        const [t, c] = a.kind === 'const' ? [b, a] : [a, b];
        if (c.kind === 'const') {
          if (c.shape.length !== 1) throw new Error(`${n.name}: only rank-1 constants are added`);
          if (t.conv && !t.pad && consumers.get(ins[a.kind === 'const' ? 1 : 0].key) === 1) {
            // fold into the Conv that made t (its only consumer is this Add)
            const bias = `${n.name}/B`;
            initializers.push(floatTensor(bias, [c.data.length], c.data));
            t.conv.input.push(bias);
            t.conv.output[0] = n.name;
            values.set(n.name, { kind: 'tensor', name: n.name, perm: t.perm, shape: t.shape });
            break;
          }
          const r = materialize(t);
          const axis = inverse(r.perm)[r.shape.length - 1];
          const dims = [c.data.length, ...new Array(r.shape.length - 1 - axis).fill(1)];
          initializers.push(floatTensor(`${n.name}/c`, dims, c.data));
          onnxNodes.push({ name: n.name, opType: 'Add', input: [r.name, `${n.name}/c`], output: [n.name] });
          values.set(n.name, { kind: 'tensor', name: n.name, perm: r.perm, shape: r.shape });
          break;
        }
        const x = materialize(t);
        const y = inLayout(c, x.perm);
        onnxNodes.push({ name: n.name, opType: 'Add', input: [x.name, y.name], output: [n.name] });
        values.set(n.name, { kind: 'tensor', name: n.name, perm: x.perm, shape: x.shape });
        break;
      }
      case 'Cast': {
        const a = get(ins[0]);
        if (a.kind !== 'const') throw new Error(`${n.name}: only constant Cast is supported`);
        values.set(n.name, a);
        break;
      }
      case 'Identity':
        values.set(n.name, get(ins[0]));
        break;
      case 'Transpose': {
        const rec = get(ins[0]);
        const tperm = intValues(get(ins[1]), n.name);
        const inv = inverse(tperm);
        values.set(n.name, {
          ...rec,
          conv: undefined,
          perm: rec.perm.map((axis) => inv[axis]),
          shape: tperm.map((a) => rec.shape[a]),
        });
        break;
      }
      case 'Pad':
      case 'PadV2': {
        const rec = materialize(get(ins[0]));
        const p = intValues(get(ins[1]), n.name); // [rank, 2] in TF axes
        const value = n.op === 'PadV2' ? get(ins[2]).data[0] : 0;
        const rank = rec.shape.length;
        const pads = new Array(2 * rank);
        rec.perm.forEach((tfAxis, i) => {
          pads[i] = p[2 * tfAxis];
          pads[rank + i] = p[2 * tfAxis + 1];
        });
        const shape = rec.shape.map((d, a) => d + p[2 * a] + p[2 * a + 1]);
        values.set(n.name, { kind: 'tensor', name: rec.name, perm: rec.perm, shape, pad: { pads, value }, padOf: n.name });
        break;
      }
      case 'Conv2D': {
        if (attrOf(n, 'data_format') !== 'NHWC') throw new Error(`${n.name}: data_format ${attrOf(n, 'data_format')}`);
        const dil = attrOf(n, 'dilations') || [1, 1, 1, 1];
        if (dil.some((d) => d !== 1)) throw new Error(`${n.name}: dilations ${dil}`);
        const padding = attrOf(n, 'padding');
        if (padding !== 'VALID' && padding !== 'SAME') throw new Error(`${n.name}: padding ${padding}`);
        const rec = get(ins[0]);
        const w = get(ins[1]);
        if (w.kind !== 'const') throw new Error(`${n.name}: the filter must be a constant`);
        const [kh, kw, ci, co] = w.shape;
        const oihw = new Float32Array(w.data.length);
        for (let h = 0; h < kh; h++)
          for (let x = 0; x < kw; x++)
            for (let i = 0; i < ci; i++)
              for (let o = 0; o < co; o++) oihw[((o * ci + i) * kh + h) * kw + x] = w.data[((h * kw + x) * ci + i) * co + o];
        const W = `${n.name}/W`;
        const half = opts.halfWeights ? halfBytes(oihw) : null;
        if (half) {
          // stored as float16 (lossless: the values are halves), cast once when the session loads
          initializers.push({ name: `${W}16`, dims: [co, ci, kh, kw], dataType: FLOAT16, rawData: half });
          onnxNodes.push({ name: `${W}/cast`, opType: 'Cast', input: [`${W}16`], output: [W], attribute: [attr.int('to', FLOAT)] });
        } else {
          initializers.push(floatTensor(W, [co, ci, kh, kw], oihw));
        }
        const inp = spatialInput(rec, 0);
        const strides = attrOf(n, 'strides').slice(1, 3);
        const attrs = [attr.ints('kernel_shape', [kh, kw]), attr.ints('strides', strides)];
        if (padding === 'SAME') {
          if (inp.pads.some(Boolean)) throw new Error(`${n.name}: explicit pad before a SAME conv`);
          attrs.push(attr.string('auto_pad', 'SAME_UPPER'));
        } else if (inp.pads.some(Boolean)) {
          attrs.push(attr.ints('pads', inp.pads));
        }
        const node = { name: n.name, opType: 'Conv', input: [inp.name, W], output: [n.name], attribute: attrs };
        onnxNodes.push(node);
        // inp.shape is the TF NHWC shape, pending pad included
        const shape = convOutShape([inp.shape[0], inp.shape[1], inp.shape[2]], [kh, kw], strides, co, padding === 'SAME');
        values.set(n.name, { kind: 'tensor', name: n.name, perm: NCHW_OF_NHWC, shape, conv: node });
        break;
      }
      case 'MaxPool': {
        if (attrOf(n, 'data_format') !== 'NHWC') throw new Error(`${n.name}: data_format`);
        const padding = attrOf(n, 'padding');
        const k = attrOf(n, 'ksize').slice(1, 3);
        const strides = attrOf(n, 'strides').slice(1, 3);
        const inp = spatialInput(get(ins[0]), -Infinity);
        const attrs = [attr.ints('kernel_shape', k), attr.ints('strides', strides)];
        if (padding === 'SAME') attrs.push(attr.string('auto_pad', 'SAME_UPPER'));
        else if (inp.pads.some(Boolean)) attrs.push(attr.ints('pads', inp.pads));
        onnxNodes.push({ name: n.name, opType: 'MaxPool', input: [inp.name], output: [n.name], attribute: attrs });
        const shape = convOutShape([inp.shape[0], inp.shape[1], inp.shape[2]], k, strides, inp.shape[3], padding === 'SAME');
        values.set(n.name, { kind: 'tensor', name: n.name, perm: NCHW_OF_NHWC, shape });
        break;
      }
      case 'LeakyRelu':
        elementwise(n, 'LeakyRelu', [attr.float('alpha', attrOf(n, 'alpha'))]);
        break;
      case 'Relu':
        elementwise(n, 'Relu');
        break;
      case 'Sigmoid':
        elementwise(n, 'Sigmoid');
        break;
      case 'ConcatV2': {
        const parts = ins.slice(0, -1).map(get);
        let axis = intValues(get(ins[ins.length - 1]), n.name)[0];
        const first = materialize(parts[0]);
        if (axis < 0) axis += first.shape.length;
        const aligned = parts.map((p) => inLayout(p, first.perm));
        const shape = first.shape.slice();
        shape[axis] = parts.reduce((s, p) => s + p.shape[axis], 0);
        onnxNodes.push({ name: n.name, opType: 'Concat', input: aligned.map((p) => p.name), output: [n.name], attribute: [attr.int('axis', inverse(first.perm)[axis])] });
        values.set(n.name, { kind: 'tensor', name: n.name, perm: first.perm, shape });
        break;
      }
      case 'SplitV': {
        const rec = materialize(get(ins[0]));
        const sizes = intValues(get(ins[1]), n.name);
        let axis = intValues(get(ins[2]), n.name)[0];
        if (axis < 0) axis += rec.shape.length;
        if (sizes.some((s) => s < 0)) throw new Error(`${n.name}: -1 split sizes unsupported`);
        const split = `${n.name}/split`;
        initializers.push(int64Tensor(split, sizes));
        const outs = sizes.map((_, i) => (i === 0 ? n.name : `${n.name}:${i}`));
        onnxNodes.push({ name: n.name, opType: 'Split', input: [rec.name, split], output: outs, attribute: [attr.int('axis', inverse(rec.perm)[axis])] });
        sizes.forEach((s, i) => {
          const shape = rec.shape.slice();
          shape[axis] = s;
          values.set(outs[i], { kind: 'tensor', name: outs[i], perm: rec.perm, shape });
        });
        break;
      }
      case 'ResizeBilinear': {
        if (attrOf(n, 'align_corners') || !attrOf(n, 'half_pixel_centers')) {
          throw new Error(`${n.name}: only half_pixel_centers without align_corners is supported`);
        }
        const rec = materialize(get(ins[0])); // TF NHWC
        const size = intValues(get(ins[1]), n.name);
        const factors = [size[0] / rec.shape[1], size[1] / rec.shape[2]];
        if (!factors.every((f) => Number.isInteger(f) || Number.isInteger(1 / f))) {
          throw new Error(`${n.name}: ${rec.shape.slice(1, 3)} -> ${size} is not by an integer factor or its inverse`);
        }
        const tfScales = [1, factors[0], factors[1], 1];
        const scales = rec.perm.map((a) => tfScales[a]);
        initializers.push(floatTensor(`${n.name}/scales`, [4], scales));
        onnxNodes.push({
          name: n.name,
          opType: 'Resize',
          input: [rec.name, '', `${n.name}/scales`],
          output: [n.name],
          attribute: [attr.string('mode', 'linear'), attr.string('coordinate_transformation_mode', 'half_pixel')],
        });
        values.set(n.name, { kind: 'tensor', name: n.name, perm: rec.perm, shape: [rec.shape[0], size[0], size[1], rec.shape[3]] });
        break;
      }
      case 'Reshape': {
        const rec = get(ins[0]);
        const target = intValues(get(ins[1]), n.name);
        const r = inLayout(rec, rec.shape.map((_, i) => i));
        const shapeName = `${n.name}/shape`;
        initializers.push(int64Tensor(shapeName, target));
        onnxNodes.push({ name: n.name, opType: 'Reshape', input: [r.name, shapeName], output: [n.name] });
        const total = r.shape.reduce((a, b) => a * b, 1);
        const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
        values.set(n.name, { kind: 'tensor', name: n.name, perm: target.map((_, i) => i), shape: target.map((d) => (d === -1 ? total / known : d)) });
        break;
      }
      default:
        throw new Error(`unsupported op ${n.op} (${n.name})`);
    }
  }

  // graph outputs in TF layout, under their ONNX names
  const graphOutputs = [];
  const shapes = {};
  for (const [tfName, onnxName] of Object.entries(opts.outputs)) {
    const rec = get(parseRef(tfName));
    const r = inLayout(rec, rec.shape.map((_, i) => i));
    onnxNodes.push({ name: onnxName, opType: 'Identity', input: [r.name], output: [onnxName] });
    graphOutputs.push({ name: onnxName, type: { tensorType: { elemType: FLOAT } } });
    shapes[onnxName] = r.shape;
  }
  const inputDims = opts.inputShape.map((d, i) =>
    i === 0 ? { dimParam: 'N' } : (opts.dynamicSpatial || []).includes(i) ? { dimParam: i === 2 ? 'H' : 'W' } : { dimValue: d }
  );
  const model = {
    irVersion: 8,
    producerName: 'skim-model-converter',
    producerVersion: opts.producerVersion || '0.2.0',
    docString: opts.docString || '',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: Object.entries(opts.metadata || {}).map(([key, value]) => ({ key, value: String(value) })),
    graph: {
      name: opts.graphName || 'model',
      node: onnxNodes,
      initializer: initializers,
      input: [{ name: opts.inputName, type: { tensorType: { elemType: FLOAT, shape: { dim: inputDims } } } }],
      output: graphOutputs,
    },
  };
  const message = onnx.ModelProto.fromObject(model);
  const err = onnx.ModelProto.verify(message);
  if (err) throw new Error(`invalid ModelProto: ${err}`);
  return {
    bytes: Buffer.from(onnx.ModelProto.encode(message).finish()),
    nodeCount: onnxNodes.length,
    opCounts: onnxNodes.reduce((m, x) => ({ ...m, [x.opType]: (m[x.opType] || 0) + 1 }), {}),
    usedWeights,
    outputShapes: shapes,
  };
}

module.exports = { convert, exactHalf };
