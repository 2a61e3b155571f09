package dev.skim.bridge.memory;

import dev.skim.avro.Tier;

/**
 * Keys of the block store: {@code streamId NUL firstSeq(20 digits) NUL tier}, so that a range scan
 * over one stream returns its blocks in frame order.
 */
final class BlockKey {
    private static final char SEP = '\u0000';

    private BlockKey() {}

    static String of(String streamId, long firstSeq, Tier tier) {
        return streamId + SEP + String.format("%020d", firstSeq) + SEP + tier.name();
    }

    /** Lowest key of a stream at or after {@code seq}. */
    static String from(String streamId, long seq) {
        return streamId + SEP + String.format("%020d", Math.max(0, seq));
    }

    /** Highest key of a stream. */
    static String to(String streamId) {
        return streamId + SEP + '\uffff';
    }
}
