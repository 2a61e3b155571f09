package dev.skim.core.tokens;

/** How token vectors travel on the wire (the TokenBlock {@code vectors.precision} field). */
public enum Precision {
    /** IEEE 754 single precision, 4 bytes a value. */
    FP32(4),
    /** IEEE 754 half precision, 2 bytes a value; relative error at most 2^-11 in range. */
    FP16(2),
    /** Signed bytes with one float scale per token: value = q * scale, scale = max|x| / 127. */
    INT8(1);

    private final int bytesPerValue;

    Precision(int bytesPerValue) {
        this.bytesPerValue = bytesPerValue;
    }

    public int bytesPerValue() {
        return bytesPerValue;
    }

    /** Bytes of count vectors of the given dimension, scales included. */
    public long bytes(int count, int dim) {
        return (long) count * dim * bytesPerValue + (this == INT8 ? 4L * count : 0L);
    }
}
