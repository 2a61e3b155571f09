package dev.skim.eval;

import dev.skim.core.compression.Provenance;
import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * What a method kept of one frame.
 *
 * @param kept the tokens kept for this frame
 * @param provenance kept x the frame's original tokens
 * @param nanos time the method spent on this frame
 * @param novelty the chain's novelty of this frame (its novelty operator's mean novelty against
 *     memory), or null when the chain has no novelty operator or the frame did not reach it
 * @param slow whether this is a slow-tier frame (DESIGN.md section 4): one the chain's novelty
 *     operator treated as a keyframe (the first frame or a scene cut) and gave its full key budget
 */
public record FrameOutput(
        List<Token> kept, Provenance provenance, long nanos, Float novelty, boolean slow) {
    public FrameOutput {
        kept = List.copyOf(kept);
    }
}
