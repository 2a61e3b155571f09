package dev.skim.bridge.memory;

import dev.skim.avro.FrameRef;
import dev.skim.avro.TokenBlock;
import java.util.Optional;

/** The presentation-time span of a block: its earliest and latest frame, kept or gated. */
record BlockSpan(long fromMillis, long toMillis) {

    /** The block's span; (0, 0) for a block without frames. */
    static BlockSpan of(TokenBlock b) {
        return framesOf(b).orElse(new BlockSpan(0, 0));
    }

    /** The block's span, or empty when it lists no frames at all. */
    static Optional<BlockSpan> framesOf(TokenBlock b) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (FrameRef f : b.getFrames()) {
            from = Math.min(from, f.getPtsMillis());
            to = Math.max(to, f.getPtsMillis());
        }
        for (FrameRef f : b.getGated()) {
            from = Math.min(from, f.getPtsMillis());
            to = Math.max(to, f.getPtsMillis());
        }
        return from > to ? Optional.empty() : Optional.of(new BlockSpan(from, to));
    }

    boolean overlaps(long from, long to) {
        return toMillis >= from && fromMillis <= to;
    }
}
