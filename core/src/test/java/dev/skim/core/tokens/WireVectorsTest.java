package dev.skim.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireVectorsTest {

    private static List<float[]> randomVectors(int count, int dim, long seed) {
        Random rnd = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            float[] v = new float[dim];
            float scale = (float) Math.exp(rnd.nextGaussian() * 2);
            for (int i = 0; i < dim; i++) {
                v[i] = (float) rnd.nextGaussian() * scale;
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void shouldRoundTripEveryHalfPrecisionValueExactly() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Fp16.toFloat((short) h);
            if (Float.isNaN(f)) {
                continue;
            }
            assertThat(Fp16.fromFloat(f)).as("half 0x%04x", h).isEqualTo((short) h);
        }
    }

    @Test
    void shouldGiveBackTheSameHalfWhenAHalfIsWidenedAndNarrowedAgainNaNsIncluded() {
        // what the compressor relies on when it keeps FP16 tokens and writes them as FP16 later
        for (int h = 0; h < 0x10000; h++) {
            short once = Fp16.fromFloat(Fp16.toFloat((short) h));
            assertThat(Fp16.fromFloat(Fp16.toFloat(once))).as("half 0x%04x", h).isEqualTo(once);
            assertThat(once & 0x8000).as("sign of half 0x%04x", h).isEqualTo(h & 0x8000);
        }
        float negativeNaN = Float.intBitsToFloat(0xffc0_0000); // what 0f / 0f gives on x86
        short half = Fp16.fromFloat(negativeNaN);
        assertThat(Fp16.fromFloat(Fp16.toFloat(half))).isEqualTo(half);
    }

    @Test
    void shouldRoundHalfwayCasesToEven() {
        // 1 + 2^-11 is halfway between 1 and the next half (1 + 2^-10): rounds to even, i.e. 1.
        assertThat(Fp16.toFloat(Fp16.fromFloat(1f + 0x1.0p-11f))).isEqualTo(1f);
        assertThat(Fp16.toFloat(Fp16.fromFloat(1f + 3 * 0x1.0p-11f))).isEqualTo(1f + 0x1.0p-9f);
        assertThat(Fp16.toFloat(Fp16.fromFloat(70000f))).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void shouldKeepFp16RelativeErrorUnderTwoToMinusEleven() {
        List<float[]> in = randomVectors(200, 384, 1);
        List<float[]> back = WireVectors.encode(in, Precision.FP16).decode();
        double worst = 0;
        for (int t = 0; t < in.size(); t++) {
            for (int i = 0; i < 384; i++) {
                float x = in.get(t)[i];
                if (Math.abs(x) >= 0x1.0p-14f) {
                    worst = Math.max(worst, Math.abs(back.get(t)[i] - x) / Math.abs(x));
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(0x1.0p-11);
    }

    @Test
    void shouldKeepInt8ErrorUnderHalfAStepPerToken() {
        List<float[]> in = randomVectors(200, 384, 2);
        WireVectors w = WireVectors.encode(in, Precision.INT8);
        List<float[]> back = w.decode();
        double relL2 = 0;
        for (int t = 0; t < in.size(); t++) {
            float[] x = in.get(t);
            float max = 0;
            for (float v : x) {
                max = Math.max(max, Math.abs(v));
            }
            double err2 = 0;
            double norm2 = 0;
            for (int i = 0; i < x.length; i++) {
                float e = Math.abs(back.get(t)[i] - x[i]);
                assertThat(e).isLessThanOrEqualTo(max / 254f * 1.0001f);
                err2 += e * e;
                norm2 += x[i] * x[i];
            }
            relL2 += Math.sqrt(err2 / norm2);
        }
        relL2 /= in.size();
        // Uniform rounding noise on Gaussian data: about max/(254*sqrt(3)) per value over rms.
        assertThat(relL2).isBetween(0.001, 0.02);
    }

    @Test
    void shouldWriteLittleEndianTokenMajor() {
        List<float[]> in = List.of(new float[] {1f, 2f}, new float[] {-3f, 0.5f});
        WireVectors fp32 = WireVectors.encode(in, Precision.FP32);
        ByteBuffer b = ByteBuffer.wrap(fp32.data()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new float[] {b.getFloat(), b.getFloat(), b.getFloat(), b.getFloat()})
                .containsExactly(1f, 2f, -3f, 0.5f);
        WireVectors fp16 = WireVectors.encode(in, Precision.FP16);
        assertThat(fp16.data()).hasSize(8);
        assertThat(fp16.data()[0]).isEqualTo((byte) 0x00);
        assertThat(fp16.data()[1]).isEqualTo((byte) 0x3c); // 1.0 = 0x3c00
        WireVectors int8 = WireVectors.encode(in, Precision.INT8);
        assertThat(int8.data()).containsExactly(64, 127, -127, 21);
        assertThat(int8.scales()).containsExactly(2f / 127f, 3f / 127f);
        assertThat(int8.bytes()).isEqualTo(4 + 8);
    }

    @Test
    void shouldEncodeAZeroVectorAsZeros() {
        List<float[]> back = WireVectors.encode(List.of(new float[3]), Precision.INT8).decode();
        assertThat(back.get(0)).containsExactly(0f, 0f, 0f);
    }

    @Test
    void shouldRejectMixedDimensions() {
        assertThatThrownBy(
                        () ->
                                WireVectors.encode(
                                        List.of(new float[2], new float[3]), Precision.FP16))
                .hasMessageContaining("vector 1 has dimension 3, expected 2");
    }

    @Test
    void shouldCountBytesPerPrecision() {
        assertThat(Precision.FP16.bytes(64, 384)).isEqualTo(64L * 384 * 2);
        assertThat(Precision.INT8.bytes(64, 384)).isEqualTo(64L * 384 + 64 * 4);
    }
}
