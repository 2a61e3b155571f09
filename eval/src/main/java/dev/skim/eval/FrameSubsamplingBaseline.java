package dev.skim.eval;

import dev.skim.core.compression.Provenance;
import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline 2, uniform frame subsampling: all N tokens of evenly spaced frames, m = floor(T / N)
 * whole frames for the chain's total T. So that the total is exactly T, the remainder T - m N (when
 * not 0) is one more evenly spaced frame pooled to that many tokens (as the grid pooling baseline
 * does); every other frame keeps nothing.
 */
final class FrameSubsamplingBaseline implements Method {
    private final MethodId id;
    private final long total;

    FrameSubsamplingBaseline(MethodId matched, long total) {
        this.id =
                new MethodId(
                        MethodId.Kind.FRAME_SUBSAMPLING,
                        matched.chain(),
                        matched.budget(),
                        "uniform frame subsampling to " + total + " tokens");
        this.total = total;
    }

    @Override
    public MethodId id() {
        return id;
    }

    @Override
    public MethodRun run(EncodedVideo video, Progress progress) {
        int frames = video.frames().size();
        int n = video.tokensPerFrame();
        long t = Math.min(total, (long) frames * n);
        int whole = (int) (t / n);
        int rest = (int) (t - (long) whole * n);
        int slots = whole + (rest > 0 ? 1 : 0);
        int[] keep = new int[frames];
        for (int k = 0; k < slots; k++) {
            int frame = (int) Math.min(frames - 1, (long) ((k + 0.5) * frames / slots));
            keep[frame] = k < whole ? n : rest;
        }
        List<FrameOutput> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            long start = System.nanoTime();
            List<Token> tokens = video.frames().get(i).tokens();
            Provenance w =
                    keep[i] == n
                            ? Provenance.identity(n)
                            : keep[i] == 0
                                    ? Provenance.empty(n)
                                    : GridPoolingBaseline.pool(video.rows(), video.cols(), keep[i]);
            List<Token> kept = keep[i] == n ? tokens : w.apply(tokens);
            out.add(new FrameOutput(kept, w, System.nanoTime() - start, null, false));
            progress.step();
        }
        return new MethodRun(id, out);
    }

    /** The stride k of "every k-th frame" for a total (frames per whole kept frame). */
    static double stride(int frames, int perFrame, long total) {
        long whole = total / perFrame;
        return whole == 0 ? Double.POSITIVE_INFINITY : frames / (double) whole;
    }
}
