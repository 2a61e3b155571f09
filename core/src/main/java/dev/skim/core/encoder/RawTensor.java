package dev.skim.core.encoder;

import java.util.Arrays;

/**
 * A model output copied out of native memory: name (null when the engine has none), shape and
 * float32 values in row-major order.
 */
record RawTensor(String name, long[] shape, float[] data) {

    /** Values per batch element. */
    int perSample() {
        long size = 1;
        for (int i = 1; i < shape.length; i++) {
            size *= shape[i];
        }
        return Math.toIntExact(size);
    }

    String describe() {
        return (name == null ? "output" : "'" + name + "'") + " " + Arrays.toString(shape);
    }
}
