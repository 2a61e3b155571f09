package dev.skim.bridge.memory;

import dev.skim.avro.FrameRef;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.TokenBlock;
import java.util.List;

/**
 * One token block as the timeline shows it.
 *
 * @param tier FAST, SLOW or FRAME
 * @param firstSeq first frame seq of the window
 * @param lastSeq last frame seq of the window
 * @param fromMillis earliest presentation time in the block
 * @param toMillis latest presentation time in the block
 * @param frames frames whose tokens are in the block
 * @param gated frames of the window the chain dropped
 * @param tokensIn encoder tokens behind the block
 * @param tokensOut tokens in the block
 * @param vectorBytes bytes of the block's vectors on the wire
 * @param chain the operators that produced the block
 * @param keyframes links to the keyframe JPEGs of the block's frames that have one
 */
public record TimelineEntry(
        String tier,
        long firstSeq,
        long lastSeq,
        long fromMillis,
        long toMillis,
        List<Moment> frames,
        List<Moment> gated,
        long tokensIn,
        long tokensOut,
        long vectorBytes,
        List<String> chain,
        List<String> keyframes) {

    /** A frame of the timeline: its seq, presentation time and novelty. */
    public record Moment(long seq, long ptsMillis, float novelty) {
        static Moment of(FrameRef f) {
            return new Moment(f.getSeq(), f.getPtsMillis(), f.getNovelty());
        }
    }

    static TimelineEntry of(TokenBlock b, List<String> keyframes) {
        List<Moment> frames = b.getFrames().stream().map(Moment::of).toList();
        List<Moment> gated = b.getGated().stream().map(Moment::of).toList();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Moment m : frames) {
            from = Math.min(from, m.ptsMillis());
            to = Math.max(to, m.ptsMillis());
        }
        for (Moment m : gated) {
            from = Math.min(from, m.ptsMillis());
            to = Math.max(to, m.ptsMillis());
        }
        return new TimelineEntry(
                b.getTier().name(),
                b.getFirstSeq(),
                b.getLastSeq(),
                from,
                to,
                frames,
                gated,
                b.getTokensIn(),
                b.getTokensOut(),
                b.getVectors().getData().remaining(),
                b.getChain().stream().map(OperatorStep::getName).toList(),
                keyframes);
    }
}
