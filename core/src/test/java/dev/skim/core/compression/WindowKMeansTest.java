package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowKMeansTest {

    /** Four frames of a 4x4 grid whose left half is direction A, right top B, right bottom C. */
    static List<Token> threeRegions(long seed) {
        Random rnd = new Random(seed);
        float[][] dirs = {{5, 0, 0, 0}, {0, 5, 0, 0}, {0, 0, 5, 0}};
        List<Token> out = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            out.addAll(
                    Fixtures.grid(
                            t,
                            4,
                            4,
                            (r, c) -> {
                                float[] d = dirs[c < 2 ? 0 : (r < 2 ? 1 : 2)].clone();
                                for (int i = 0; i < d.length; i++) {
                                    d[i] += 0.05f * (float) rnd.nextGaussian();
                                }
                                return d;
                            }));
        }
        return out;
    }

    static int region(Token t) {
        return t.col() < 2 ? 0 : (t.row() < 2 ? 1 : 2);
    }

    @Test
    void shouldMapEveryPositionToTheCentroidOfItsRegion() {
        List<Token> in = threeRegions(1);
        Codebook cb = WindowKMeans.fixed(3, 10, 42).fit(in);
        assertThat(cb.centroids()).hasSize(3);
        int[] a = cb.assignment();
        assertThat(a).hasSize(in.size());
        int[] regionOfCentroid = {-1, -1, -1};
        for (int i = 0; i < in.size(); i++) {
            int r = region(in.get(i));
            if (regionOfCentroid[a[i]] < 0) {
                regionOfCentroid[a[i]] = r;
            }
            assertThat(regionOfCentroid[a[i]]).as("token %d", i).isEqualTo(r);
        }
        assertThat(cb.error()).isLessThan(0.01f);
        assertThat(Fixtures.totalSpan(cb.centroids())).isEqualTo(64);
        assertThat(cb.centroidAt(in, 3, 0, 0)).isEqualTo(a[48]);
    }

    @Test
    void shouldStopGrowingKOnceTheErrorIsSmallEnough() {
        Codebook cb = WindowKMeans.adaptive(0.01f, 64, 10, 7).fit(threeRegions(2));
        assertThat(cb.centroids()).hasSizeBetween(3, 8);
        assertThat(cb.error()).isLessThan(0.01f);
    }

    @Test
    void shouldGrowKOnRichDataUntilTheCap() {
        List<Token> in = Fixtures.randomGrid(0, 8, 8, 32, 5);
        Codebook cb = WindowKMeans.adaptive(0.001f, 32, 10, 7).fit(in);
        assertThat(cb.centroids().size()).isGreaterThan(8).isLessThanOrEqualTo(32);
    }

    @Test
    void shouldGiveTheSameCodebookForTheSameSeed() {
        List<Token> in = Fixtures.randomGrid(0, 8, 8, 16, 3);
        Codebook x = WindowKMeans.fixed(6, 10, 1).fit(in);
        Codebook y = WindowKMeans.fixed(6, 10, 1).fit(in);
        assertThat(x.assignment()).isEqualTo(y.assignment());
        Assertions2.assertSameTokens(x.centroids(), y.centroids());
        Assertions2.assertSameTokens(x.provenance().apply(in), x.centroids());
    }
}
