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

    static Selection run(float[][] units, int first, int k, float radius) {
        int n = units.length;
        int limit = Math.min(k, n);
        int[] picked = new int[limit];
        float[] minDist = new float[n];
        int[] nearest = new int[n];
        boolean[] taken = new boolean[n];
        Arrays.fill(minDist, Float.POSITIVE_INFINITY);
        int count = 0;
        int next = first;
        while (count < limit) {
            picked[count] = next;
            taken[next] = true;
            float[] u = units[next];
            int best = -1;
            float bestD = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float d = taken[i] ? 0f : 1f - VectorMath.dot(units[i], u);
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
    static int farthestFromMean(float[][] units) {
        int dim = units[0].length;
        float[] mean = new float[dim];
        for (float[] u : units) {
            VectorMath.addScaled(mean, u, 1f);
        }
        float[] m = VectorMath.unit(mean);
        int best = 0;
        float bestCos = Float.POSITIVE_INFINITY;
        for (int i = 0; i < units.length; i++) {
            float c = VectorMath.dot(units[i], m);
            if (c < bestCos) {
                bestCos = c;
                best = i;
            }
        }
        return best;
    }

    /**
     * DivPrune's seed (authors' code): the point whose nearest neighbour is farthest away. O(N^2
     * D), symmetric half computed.
     */
    static int farthestNearestNeighbour(float[][] units) {
        int n = units.length;
        float[] nn = new float[n];
        Arrays.fill(nn, Float.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            float[] ui = units[i];
            for (int j = i + 1; j < n; j++) {
                float d = 1f - VectorMath.dot(ui, units[j]);
                if (d < nn[i]) {
                    nn[i] = d;
                }
                if (d < nn[j]) {
                    nn[j] = d;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (nn[i] > nn[best]) {
                best = i;
            }
        }
        return best;
    }
}
