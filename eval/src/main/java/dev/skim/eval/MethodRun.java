package dev.skim.eval;

import java.util.List;

/**
 * A method run over the whole stream.
 *
 * @param method what ran
 * @param frames one output per stream frame, in order
 */
public record MethodRun(MethodId method, List<FrameOutput> frames) {
    public MethodRun {
        frames = List.copyOf(frames);
    }

    /** Tokens kept over the whole stream. */
    public long totalTokens() {
        long n = 0;
        for (FrameOutput f : frames) {
            n += f.kept().size();
        }
        return n;
    }
}
