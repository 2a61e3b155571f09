package dev.skim.core.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

class WireVectorsPropertiesTest {

    @Property(tries = 200)
    void shouldBoundTheErrorOfEveryValue(
            @ForAll @IntRange(min = 0, max = 8) int count,
            @ForAll @IntRange(min = 1, max = 64) int dim,
            @ForAll @FloatRange(min = 0.01f, max = 1000f) float scale,
            @ForAll long seed) {
        Random rnd = new Random(seed);
        List<float[]> in = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            float[] v = new float[dim];
            for (int i = 0; i < dim; i++) {
                v[i] = (float) rnd.nextGaussian() * scale;
            }
            in.add(v);
        }
        for (Precision p : Precision.values()) {
            WireVectors w = WireVectors.encode(in, p);
            assertThat(w.bytes()).isEqualTo((int) p.bytes(count, dim));
            List<float[]> back = new WireVectors(p, count, dim, w.data(), w.scales()).decode();
            for (int t = 0; t < count; t++) {
                float max = 0f;
                for (float x : in.get(t)) {
                    max = Math.max(max, Math.abs(x));
                }
                for (int i = 0; i < dim; i++) {
                    float x = in.get(t)[i];
                    float e = Math.abs(back.get(t)[i] - x);
                    switch (p) {
                        case FP32 -> assertThat(e).isZero();
                        case FP16 ->
                                assertThat(e)
                                        .isLessThanOrEqualTo(
                                                Math.max(Math.abs(x) * 0x1.0p-11f, 0x1.0p-25f));
                        case INT8 -> assertThat(e).isLessThanOrEqualTo(max / 254f * 1.0001f);
                    }
                }
            }
        }
    }
}
