package dev.skim.core.compression;

import java.util.Arrays;

/**
 * Greedy farthest-point selection on d = 1 - cos over unit vectors: the loop shared by DivPrune's
 * max-min diversity and Gonzalez's k-center. Stops at k picks or when every point is within radius
 * of a pick. Ties go to the lowest index, so the result is deterministic.
 */
final class FarthestPoint {
    /**
     * @param picked selected indices in pick order
     * @param minDist distance of each point to its nearest pick
     * @param nearest index into picked of each point's nearest pick
     */
    record Selection(int[] picked, float[] minDist, int[] nearest) {
        /** Largest distance of any point to its nearest pick (the k-center objective). */
        float radius() {
            float r = 0f;
            for (float d : minDist) {
                r = Math.max(r, d);
            }
            return r;
        }
    }

    private FarthestPoint() {}

    static Selection run(UnitMatrix units, int first, int k, float radius) {
        int n = units.size();
        int limit = Math.min(k, n);
        int[] picked = new int[limit];
        float[] minDist = new float[n];
        int[] nearest = new int[n];
        boolean[] taken = new boolean[n];
        Arrays.fill(minDist, Float.POSITIVE_INFINITY);
        units.willNeedRows(radius < 0f ? limit : 1 + limit / 2);
        int count = 0;
        int next = first;
        while (count < limit) {
            picked[count] = next;
            taken[next] = true;
            float[] sims = units.similaritiesOf(next);
            int best = -1;
            float bestD = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float d = taken[i] ? 0f : 1f - sims[i];
                if (d < minDist[i]) {
                    minDist[i] = d;
                    nearest[i] = count;
                }
                if (!taken[i] && minDist[i] > bestD) {
                    bestD = minDist[i];
                    best = i;
                }
            }
            count++;
            if (best < 0 || bestD <= radius) {
                break;
            }
            next = best;
        }
        for (int i = 0; i < n; i++) {
            minDist[i] = Math.max(0f, minDist[i]);
        }
        return new Selection(Arrays.copyOf(picked, count), minDist, nearest);
    }

    /** The point farthest (1 - cos) from the mean direction; the deterministic k-center seed. */
    static int farthestFromMean(UnitMatrix units) {
        int n = units.size();
        float[] mean = new float[units.row(0).length];
        for (int i = 0; i < n; i++) {
            VectorMath.addScaled(mean, units.row(i), 1f);
        }
        float[] sims = new float[units.paddedSize()];
        units.similarities(VectorMath.unit(mean), sims);
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (sims[i] < sims[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * DivPrune's seed (authors' code): the point whose nearest neighbour is farthest away, argmax_i
     * min_{j != i} d_ij. O(N^2 D / 2): the upper triangle of S.
     */
    static int farthestNearestNeighbour(UnitMatrix units) {
        int n = units.size();
        float[] nearest = units.nearestOtherSimilarities();
        int best = 0;
        float bestD = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float d = 1f - nearest[i];
            if (d > bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
