package dev.skim.eval;

import dev.skim.core.compression.Provenance;
import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * Baseline 2, uniform frame subsampling: all N tokens of evenly spaced frames, m = floor(T / N)
 * whole frames for the chain's total T. So that the total is exactly T, the remainder T - m N (when
 * not 0) is one more evenly spaced frame pooled to that many tokens (as the grid pooling baseline
 * does); every other frame keeps nothing.
 */
final class FrameSubsamplingBaseline extends Baseline {

    FrameSubsamplingBaseline(MethodId matched, long total) {
        super(MethodId.Kind.FRAME_SUBSAMPLING, matched, total, "uniform frame subsampling");
    }

    @Override
    int[] allot(int frames, int n, long total) {
        int whole = (int) (total / n);
        int rest = (int) (total - (long) whole * n);
        int slots = whole + (rest > 0 ? 1 : 0);
        int[] keep = new int[frames];
        for (int k = 0; k < slots; k++) {
            int frame = (int) Math.min(frames - 1, (long) ((k + 0.5) * frames / slots));
            keep[frame] = k < whole ? n : rest;
        }
        return keep;
    }

    @Override
    Kept keep(List<Token> tokens, EncodedVideo video, int n) {
        int all = video.tokensPerFrame();
        if (n == all) {
            return new Kept(tokens, Provenance.identity(all));
        }
        Provenance w =
                n == 0
                        ? Provenance.empty(all)
                        : GridPoolingBaseline.pool(video.rows(), video.cols(), n);
        return new Kept(w.apply(tokens), w);
    }

    /** The stride k of "every k-th frame" for a total (frames per whole kept frame). */
    static double stride(int frames, int perFrame, long total) {
        long whole = total / perFrame;
        return whole == 0 ? Double.POSITIVE_INFINITY : frames / (double) whole;
    }
}
