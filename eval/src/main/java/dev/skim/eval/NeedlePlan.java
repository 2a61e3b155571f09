package dev.skim.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where needles go: one random position in each of count equal slices of the video (so they do not
 * bunch up), the same for the same seed. A needle at position p is inserted before source frame p.
 */
final class NeedlePlan {
    private NeedlePlan() {}

    /**
     * Positions (ascending, in 1..length-1) for count needles in a video of length frames; fewer
     * when the video is too short.
     */
    static int[] positions(int count, int length, long seed) {
        if (count <= 0 || length < 2) {
            return new int[0];
        }
        int n = Math.min(count, length - 1);
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int from = 1 + (int) ((long) (length - 1) * i / n);
            int to = 1 + (int) ((long) (length - 1) * (i + 1) / n);
            out[i] = from + random.nextInt(Math.max(1, to - from));
        }
        Arrays.sort(out);
        return out;
    }
}
