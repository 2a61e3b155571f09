package dev.skim.bridge.memory;

/**
 * Keys of the tier stores: {@code streamId NUL startPts(20 digits) NUL firstSeq(20 digits)}, so a
 * range scan over one stream returns its blocks in time order, a time range is a seek, and expiry
 * deletes from the front. Keys of the keyframe store: {@code streamId NUL seq(20 digits)}.
 */
final class BlockKey {
    private static final char SEP = '\u0000';

    private BlockKey() {}

    static String of(String streamId, long startPts, long firstSeq) {
        return from(streamId, startPts) + SEP + digits(firstSeq);
    }

    /** Lowest key of a stream at or after {@code pts} (or seq, for keyframes). */
    static String from(String streamId, long pts) {
        return streamId + SEP + digits(pts);
    }

    /** Highest key of a stream. */
    static String to(String streamId) {
        return streamId + SEP + '\uffff';
    }

    /** Highest key of a stream that starts at or before {@code pts}. */
    static String through(String streamId, long pts) {
        return from(streamId, pts) + SEP + '\uffff';
    }

    /** The start pts of a tier-store key. */
    static long startPts(String key) {
        int a = key.lastIndexOf(SEP, key.lastIndexOf(SEP) - 1);
        return Long.parseLong(key.substring(a + 1, a + 21));
    }

    private static String digits(long v) {
        return String.format("%020d", Math.max(0, v));
    }
}
