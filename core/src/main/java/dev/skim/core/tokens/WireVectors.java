package dev.skim.core.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Token vectors as they travel in a TokenBlock: little-endian, token-major values in one precision,
 * plus one scale per token for INT8 (value = q * scale with scale = max_i |x_i| / 127, q rounded to
 * nearest and clamped to [-127, 127]).
 *
 * <p>Measured error (see WireVectorsTest): FP16 keeps every value within a relative 2^-11 (about
 * 5e-4) in the normal range; INT8 keeps every value within scale / 2, i.e. max|x| / 254.
 *
 * @param precision how values are stored
 * @param count number of vectors
 * @param dim values per vector
 * @param data count * dim values, little-endian
 * @param scales one scale per vector for INT8, empty otherwise
 */
public record WireVectors(Precision precision, int count, int dim, byte[] data, float[] scales) {
    public WireVectors {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(data, "data");
        scales = scales == null ? new float[0] : scales;
        long expected = (long) count * dim * precision.bytesPerValue();
        if (data.length != expected) {
            throw new IllegalArgumentException(
                    count
                            + " x "
                            + dim
                            + " "
                            + precision
                            + " needs "
                            + expected
                            + " bytes, got "
                            + data.length);
        }
        if (precision == Precision.INT8 && scales.length != count) {
            throw new IllegalArgumentException(
                    "INT8 needs one scale per vector: " + count + ", got " + scales.length);
        }
    }

    /** Encodes vectors of the same dimension. */
    public static WireVectors encode(List<float[]> vectors, Precision precision) {
        int count = vectors.size();
        int dim = count == 0 ? 0 : vectors.get(0).length;
        byte[] data = new byte[(int) ((long) count * dim * precision.bytesPerValue())];
        float[] scales = precision == Precision.INT8 ? new float[count] : new float[0];
        int p = 0;
        for (int t = 0; t < count; t++) {
            float[] v = vectors.get(t);
            if (v.length != dim) {
                throw new IllegalArgumentException(
                        "vector " + t + " has dimension " + v.length + ", expected " + dim);
            }
            switch (precision) {
                case FP32 -> {
                    for (float x : v) {
                        int b = Float.floatToRawIntBits(x);
                        data[p++] = (byte) b;
                        data[p++] = (byte) (b >>> 8);
                        data[p++] = (byte) (b >>> 16);
                        data[p++] = (byte) (b >>> 24);
                    }
                }
                case FP16 -> {
                    for (float x : v) {
                        short h = Fp16.fromFloat(x);
                        data[p++] = (byte) h;
                        data[p++] = (byte) (h >>> 8);
                    }
                }
                case INT8 -> {
                    float max = 0f;
                    for (float x : v) {
                        max = Math.max(max, Math.abs(x));
                    }
                    float scale = max / 127f;
                    scales[t] = scale;
                    float inv = scale > 0f ? 1f / scale : 0f;
                    for (float x : v) {
                        int q = Math.round(x * inv);
                        data[p++] = (byte) Math.max(-127, Math.min(127, q));
                    }
                }
            }
        }
        return new WireVectors(precision, count, dim, data, scales);
    }

    /** Decodes to float vectors. */
    public List<float[]> decode() {
        List<float[]> out = new ArrayList<>(count);
        int p = 0;
        for (int t = 0; t < count; t++) {
            float[] v = new float[dim];
            switch (precision) {
                case FP32 -> {
                    for (int i = 0; i < dim; i++) {
                        int b =
                                (data[p] & 0xff)
                                        | (data[p + 1] & 0xff) << 8
                                        | (data[p + 2] & 0xff) << 16
                                        | (data[p + 3] & 0xff) << 24;
                        v[i] = Float.intBitsToFloat(b);
                        p += 4;
                    }
                }
                case FP16 -> {
                    for (int i = 0; i < dim; i++) {
                        v[i] = Fp16.toFloat((short) ((data[p] & 0xff) | (data[p + 1] & 0xff) << 8));
                        p += 2;
                    }
                }
                case INT8 -> {
                    float scale = scales[t];
                    for (int i = 0; i < dim; i++) {
                        v[i] = data[p++] * scale;
                    }
                }
            }
            out.add(v);
        }
        return out;
    }

    /** Bytes on the wire: data plus 4 bytes per scale. */
    public int bytes() {
        return data.length + 4 * scales.length;
    }
}
