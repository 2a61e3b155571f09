package dev.skim.core.tokens;

/** IEEE 754 binary16 conversion, round to nearest even (Java 17 has no Float.floatToFloat16). */
final class Fp16 {
    private Fp16() {}

    static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        short sign = (short) ((bits & 0x8000_0000) >> 16);
        if (Float.isNaN(f)) {
            return (short) (sign | 0x7e00);
        }
        float abs = Math.abs(f);
        if (abs >= 65520f) {
            return (short) (sign | 0x7c00);
        }
        if (abs <= 0x1.0p-25f) {
            return sign;
        }
        int exp = Math.getExponent(f);
        int expDelta = 0;
        int msb = 0;
        if (exp < -14) {
            expDelta = -14 - exp;
            exp = -15;
            msb = 0x0080_0000;
        }
        int signif = (bits & 0x007f_ffff) | msb;
        int half = signif >> (13 + expDelta);
        int lsb = signif & (1 << (13 + expDelta));
        int round = signif & (1 << (12 + expDelta));
        int sticky = signif & ((1 << (12 + expDelta)) - 1);
        if (round != 0 && (lsb | sticky) != 0) {
            half++;
        }
        return (short) (sign | (((exp + 15) << 10) + half));
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
            return signif == 0 ? s * Float.POSITIVE_INFINITY : Float.NaN;
        }
        return Float.intBitsToFloat((sign << 16) | ((expBits - 15 + 127) << 23) | (signif << 13));
    }
}
