package dev.skim.eval;

import dev.skim.core.compression.Provenance;
import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A baseline matched to one chain run: it keeps the same total token count T as that run, spread
 * over the frames its own way ({@link #allot}, {@link #keep}).
 */
abstract class Baseline implements Method {
    private final MethodId id;
    private final long total;

    /** What one frame keeps: the output tokens and their provenance over the frame's tokens. */
    record Kept(List<Token> tokens, Provenance provenance) {}

    /**
     * @param kind which baseline
     * @param matched the chain run it is compared with
     * @param total the chain run's total token count
     * @param what what it does, e.g. "uniform grid pooling"
     */
    Baseline(MethodId.Kind kind, MethodId matched, long total, String what) {
        this.id =
                new MethodId(
                        kind, matched.chain(), matched.budget(), what + " to " + total + " tokens");
        this.total = total;
    }

    @Override
    public final MethodId id() {
        return id;
    }

    @Override
    public final MethodRun run(EncodedVideo video, Progress progress) {
        int frames = video.frames().size();
        int perFrame = video.tokensPerFrame();
        int[] allotted = allot(frames, perFrame, Math.min(total, (long) frames * perFrame));
        List<FrameOutput> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            long start = System.nanoTime();
            Kept kept = keep(video.frames().get(i).tokens(), video, allotted[i]);
            out.add(
                    new FrameOutput(
                            kept.tokens(),
                            kept.provenance(),
                            System.nanoTime() - start,
                            null,
                            false));
            progress.step();
        }
        return new MethodRun(id, out);
    }

    /**
     * How many tokens each frame keeps.
     *
     * @param total T, at most frames x perFrame; the result sums to it
     */
    abstract int[] allot(int frames, int perFrame, long total);

    /** What a frame of {@code video} keeps of its {@code tokens} when allotted {@code n}. */
    abstract Kept keep(List<Token> tokens, EncodedVideo video, int n);
}
