'use strict';
// Keras (TF.js layers, channels_last) functional model -> ONNX graph (NCHW, opset 13).
// Mapping (see ../README.md): Conv2D -> Conv (HWIO -> OIHW); DepthwiseConv2D -> Conv, group = C;
// BatchNormalization -> BatchNormalization; ReLU(max 6) -> Clip; ZeroPadding2D -> Pad;
// Add -> Add; Concatenate -> Concat(axis 1); AveragePooling2D/MaxPooling2D -> AveragePool/MaxPool;
// Flatten -> Transpose(NHWC) + Flatten; Dense -> Gemm (+ Relu/Softmax); Dropout -> Identity.
const { onnx } = require('onnx-proto');

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

function floatTensor(name, dims, data) {
  return {
    name,
    dims,
    dataType: FLOAT,
    rawData: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  };
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

/** HWIO (Keras Conv2D kernel) -> OIHW. */
function hwioToOihw(w) {
  const [kh, kw, ci, co] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let h = 0; h < kh; h++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < ci; i++)
        for (let o = 0; o < co; o++)
          out[((o * ci + i) * kh + h) * kw + x] = w.data[((h * kw + x) * ci + i) * co + o];
  return { dims: [co, ci, kh, kw], data: out };
}

/** Keras depthwise kernel [kh, kw, C, M] -> ONNX grouped conv [C*M, 1, kh, kw]. */
function depthwiseToOihw(w) {
  const [kh, kw, c, m] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let h = 0; h < kh; h++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < c; i++)
        for (let j = 0; j < m; j++)
          out[((i * m + j) * kh + h) * kw + x] = w.data[((h * kw + x) * c + i) * m + j];
  return { dims: [c * m, 1, kh, kw], data: out };
}

function pair(v) {
  return Array.isArray(v) ? v : [v, v];
}

/** The names of all layers that are ancestors of (or equal to) the given layers. */
function ancestors(layersByName, names) {
  const keep = new Set();
  const stack = [...names];
  while (stack.length) {
    const n = stack.pop();
    if (keep.has(n)) continue;
    const layer = layersByName.get(n);
    if (!layer) throw new Error(`no layer named ${n}`);
    keep.add(n);
    for (const node of layer.inbound_nodes) for (const [src] of node) stack.push(src);
  }
  return keep;
}

/**
 * Builds an ONNX ModelProto.
 *
 * @param {object} topology Keras model JSON (modelTopology)
 * @param {Map} weights name -> {shape, data}
 * @param {object} opts {outputs: [layer names], pooled: [layer names to also export as
 *     GlobalAveragePool vectors named <layer>_gap], inputName, docString, metadata}
 */
function convert(topology, weights, opts) {
  const config = topology.model_config.config;
  const layers = config.layers;
  const layersByName = new Map(layers.map((l) => [l.name, l]));
  const outputs = opts.outputs;
  const pooled = opts.pooled || [];
  const keep = ancestors(layersByName, [...outputs, ...pooled]);
  const nodes = [];
  const initializers = [];
  const used = new Set();
  const w = (name) => {
    const t = weights.get(name);
    if (!t) throw new Error(`missing weight ${name}`);
    used.add(name);
    return t;
  };
  const inputLayer = config.input_layers[0][0];
  const inputShape = layersByName.get(inputLayer).config.batch_input_shape; // [null, H, W, C]
  // tensor name of each layer's output; the graph input takes the ONNX input name
  const tensorOf = new Map([[inputLayer, opts.inputName]]);
  let channels = new Map([[inputLayer, inputShape[3]]]);
  const inputs = (layer) => layer.inbound_nodes[0].map(([src]) => tensorOf.get(src));

  for (const layer of layers) {
    if (!keep.has(layer.name) || layer.class_name === 'InputLayer') continue;
    const c = layer.config;
    const name = layer.name;
    const ins = inputs(layer);
    const inC = channels.get(layer.inbound_nodes[0][0][0]);
    let outC = inC;
    if (c.data_format && c.data_format !== 'channels_last') {
      throw new Error(`${name}: only channels_last is supported`);
    }
    switch (layer.class_name) {
      case 'Conv2D':
      case 'DepthwiseConv2D': {
        const depthwise = layer.class_name === 'DepthwiseConv2D';
        const kernel = w(`${name}/${depthwise ? 'depthwise_kernel' : 'kernel'}`);
        const k = depthwise ? depthwiseToOihw(kernel) : hwioToOihw(kernel);
        outC = k.dims[0];
        initializers.push(floatTensor(`${name}/W`, k.dims, k.data));
        const convInputs = [ins[0], `${name}/W`];
        if (c.use_bias) {
          const b = w(`${name}/bias`);
          initializers.push(floatTensor(`${name}/B`, [b.data.length], b.data));
          convInputs.push(`${name}/B`);
        }
        const dil = pair(c.dilation_rate);
        if (dil[0] !== 1 || dil[1] !== 1) throw new Error(`${name}: dilation unsupported`);
        const attrs = [
          attr.ints('kernel_shape', k.dims.slice(2)),
          attr.ints('strides', pair(c.strides)),
          attr.int('group', depthwise ? inC : 1),
        ];
        if (c.padding === 'same') attrs.push(attr.string('auto_pad', 'SAME_UPPER'));
        else if (c.padding !== 'valid') throw new Error(`${name}: padding ${c.padding}`);
        const act = c.activation;
        const convOut = act === 'linear' ? name : `${name}/conv`;
        nodes.push({ name, opType: 'Conv', input: convInputs, output: [convOut], attribute: attrs });
        if (act === 'relu') nodes.push({ name: `${name}/relu`, opType: 'Relu', input: [convOut], output: [name] });
        else if (act !== 'linear') throw new Error(`${name}: activation ${act}`);
        break;
      }
      case 'BatchNormalization': {
        if (c.axis !== -1 && c.axis !== 3) throw new Error(`${name}: axis ${c.axis}`);
        const n = inC;
        const gamma = c.scale ? w(`${name}/gamma`).data : new Float32Array(n).fill(1);
        const beta = c.center ? w(`${name}/beta`).data : new Float32Array(n);
        initializers.push(floatTensor(`${name}/scale`, [n], gamma));
        initializers.push(floatTensor(`${name}/bias`, [n], beta));
        initializers.push(floatTensor(`${name}/mean`, [n], w(`${name}/moving_mean`).data));
        initializers.push(floatTensor(`${name}/var`, [n], w(`${name}/moving_variance`).data));
        nodes.push({
          name,
          opType: 'BatchNormalization',
          input: [ins[0], `${name}/scale`, `${name}/bias`, `${name}/mean`, `${name}/var`],
          output: [name],
          attribute: [attr.float('epsilon', c.epsilon)],
        });
        break;
      }
      case 'ReLU': {
        if ((c.negative_slope || 0) !== 0 || (c.threshold || 0) !== 0) {
          throw new Error(`${name}: leaky/thresholded ReLU unsupported`);
        }
        if (c.max_value == null) {
          nodes.push({ name, opType: 'Relu', input: [ins[0]], output: [name] });
        } else {
          initializers.push(floatTensor(`${name}/min`, [], new Float32Array([0])));
          initializers.push(floatTensor(`${name}/max`, [], new Float32Array([c.max_value])));
          nodes.push({ name, opType: 'Clip', input: [ins[0], `${name}/min`, `${name}/max`], output: [name] });
        }
        break;
      }
      case 'ZeroPadding2D': {
        const [[top, bottom], [left, right]] = c.padding;
        initializers.push(int64Tensor(`${name}/pads`, [0, 0, top, left, 0, 0, bottom, right]));
        nodes.push({ name, opType: 'Pad', input: [ins[0], `${name}/pads`], output: [name] });
        break;
      }
      case 'Add':
        nodes.push({ name, opType: 'Add', input: ins, output: [name] });
        break;
      case 'Concatenate': {
        if (c.axis !== -1 && c.axis !== 3) throw new Error(`${name}: axis ${c.axis}`);
        outC = layer.inbound_nodes[0].reduce((s, [src]) => s + channels.get(src), 0);
        nodes.push({ name, opType: 'Concat', input: ins, output: [name], attribute: [attr.int('axis', 1)] });
        break;
      }
      case 'AveragePooling2D':
      case 'MaxPooling2D': {
        const attrs = [attr.ints('kernel_shape', pair(c.pool_size)), attr.ints('strides', pair(c.strides))];
        if (c.padding === 'same') attrs.push(attr.string('auto_pad', 'SAME_UPPER'));
        const op = layer.class_name === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool';
        nodes.push({ name, opType: op, input: [ins[0]], output: [name], attribute: attrs });
        break;
      }
      case 'Flatten':
        // Keras flattens NHWC order; transpose back before flattening
        nodes.push({ name: `${name}/nhwc`, opType: 'Transpose', input: [ins[0]], output: [`${name}/nhwc`], attribute: [attr.ints('perm', [0, 2, 3, 1])] });
        nodes.push({ name, opType: 'Flatten', input: [`${name}/nhwc`], output: [name], attribute: [attr.int('axis', 1)] });
        break;
      case 'Dense': {
        const kernel = w(`${name}/kernel`); // [in, out]
        initializers.push(floatTensor(`${name}/W`, kernel.shape, kernel.data));
        const gemmInputs = [ins[0], `${name}/W`];
        if (c.use_bias) {
          const b = w(`${name}/bias`);
          initializers.push(floatTensor(`${name}/B`, [b.data.length], b.data));
          gemmInputs.push(`${name}/B`);
        }
        const act = c.activation;
        const gemmOut = act === 'linear' ? name : `${name}/gemm`;
        nodes.push({ name: `${name}/gemm`, opType: 'Gemm', input: gemmInputs, output: [gemmOut] });
        if (act === 'relu') nodes.push({ name, opType: 'Relu', input: [gemmOut], output: [name] });
        else if (act === 'softmax') nodes.push({ name, opType: 'Softmax', input: [gemmOut], output: [name], attribute: [attr.int('axis', -1)] });
        else if (act !== 'linear') throw new Error(`${name}: activation ${act}`);
        outC = kernel.shape[1];
        break;
      }
      case 'Dropout':
        nodes.push({ name, opType: 'Identity', input: [ins[0]], output: [name] });
        break;
      default:
        throw new Error(`unsupported layer ${layer.class_name} (${name})`);
    }
    tensorOf.set(name, name);
    channels.set(name, outC);
  }

  const graphOutputs = outputs.map((n) => ({ name: tensorOf.get(n), type: { tensorType: { elemType: FLOAT } } }));
  for (const n of pooled) {
    const out = `${n}_gap`;
    nodes.push({ name: out, opType: 'ReduceMean', input: [tensorOf.get(n)], output: [out], attribute: [attr.ints('axes', [2, 3]), attr.int('keepdims', 0)] });
    graphOutputs.push({ name: out, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: channels.get(n) }] } } } });
  }

  const graph = {
    name: opts.graphName || topology.model_config.config.name || 'model',
    node: nodes,
    initializer: initializers,
    input: [
      {
        name: opts.inputName,
        type: {
          tensorType: {
            elemType: FLOAT,
            shape: { dim: [{ dimParam: 'N' }, { dimValue: inputShape[3] }, { dimValue: inputShape[1] }, { dimValue: inputShape[2] }] },
          },
        },
      },
    ],
    output: graphOutputs,
  };
  const model = {
    irVersion: 8,
    producerName: 'skim-model-converter',
    producerVersion: opts.producerVersion || '0.1.0',
    docString: opts.docString || '',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: Object.entries(opts.metadata || {}).map(([key, value]) => ({ key, value: String(value) })),
    graph,
  };
  const message = onnx.ModelProto.fromObject(model);
  const err = onnx.ModelProto.verify(message);
  if (err) throw new Error(`invalid ModelProto: ${err}`);
  return { bytes: Buffer.from(onnx.ModelProto.encode(message).finish()), usedWeights: used, nodeCount: nodes.length };
}

module.exports = { convert, ancestors };
