package dev.skim.bridge.memory;

import dev.skim.avro.FrameRef;
import dev.skim.avro.TokenBlock;

/** The presentation-time span of a block: its earliest and latest frame, kept or gated. */
record BlockSpan(long fromMillis, long toMillis) {

    static BlockSpan of(TokenBlock b) {
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
        if (from > to) {
            return new BlockSpan(0, 0);
        }
        return new BlockSpan(from, to);
    }

    boolean overlaps(long from, long to) {
        return toMillis >= from && fromMillis <= to;
    }
}
