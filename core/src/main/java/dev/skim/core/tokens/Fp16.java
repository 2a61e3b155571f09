package dev.skim.core.tokens;

/** IEEE 754 binary16 conversion, round to nearest even (Java 17 has no Float.floatToFloat16). */
final class Fp16 {
    private Fp16() {}

    /**
     * Branch-light round-to-nearest-even conversion (F. Giesen's "float_to_half_fast3_rtne"):
     * overflow to infinity, NaN to quiet NaN, subnormals by one float addition of 0.5 that aligns
     * the 10 mantissa bits (the FPU rounds), normals by rebiasing the exponent and adding the
     * rounding bias. Checked against a reference implementation for all 2^32 inputs.
     */
    static short fromFloat(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int u = x & 0x7fff_ffff;
        if (u >= 0x4780_0000) { // |f| >= 65536 (rounds to infinity), infinity or NaN
            return (short) (sign | (u > 0x7f80_0000 ? 0x7e00 : 0x7c00));
        }
        if (u < 0x3880_0000) { // |f| < 2^-14: a half subnormal or zero
            float aligned = Float.intBitsToFloat(u) + 0.5f;
            return (short) (sign | (Float.floatToRawIntBits(aligned) - 0x3f00_0000));
        }
        int odd = (u >>> 13) & 1;
        return (short) (sign | ((u + 0xc800_0fff + odd) >>> 13));
    }

    static float toFloat(short h) {
        int sign = h & 0x8000;
        int expBits = (h & 0x7c00) >> 10;
        int signif = h & 0x03ff;
        float s = sign != 0 ? -1f : 1f;
        if (expBits == 0) {
            return s * (0x1.0p-14f * (signif * 0x1.0p-10f));
        }
        if (expBits == 31) {
            // a NaN keeps its sign, so that fromFloat(toFloat(fromFloat(x))) == fromFloat(x)
            return signif == 0
                    ? s * Float.POSITIVE_INFINITY
                    : Float.intBitsToFloat((sign << 16) | 0x7fc0_0000 | (signif << 13));
        }
        return Float.intBitsToFloat((sign << 16) | ((expBits - 15 + 127) << 23) | (signif << 13));
    }
}
