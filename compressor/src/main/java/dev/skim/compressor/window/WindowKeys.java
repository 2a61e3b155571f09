package dev.skim.compressor.window;

/**
 * Keys of the per-frame window stores: {@code streamId NUL start NUL seq}, numbers as 16 hex digits
 * of their offset-binary form, so that the bytes sort by (stream, window start, seq) and one
 * window's frames are a prefix scan.
 */
public final class WindowKeys {
    private static final char SEP = '\u0000';

    private WindowKeys() {}

    /** The key of one frame of a window. */
    public static String frame(String streamId, long windowStart, long seq) {
        return window(streamId, windowStart) + hex(seq);
    }

    /** The prefix shared by every frame of a window. */
    public static String window(String streamId, long windowStart) {
        return streamId + SEP + hex(windowStart) + SEP;
    }

    private static String hex(long v) {
        return String.format("%016x", v ^ Long.MIN_VALUE);
    }
}
