package dev.skim.compressor.window;

/**
 * How frames of a stream are grouped into tumbling windows: by event time (the frame's ptsMillis)
 * or by frame count (its seq). A window [start, end) closes once the stream's time (the largest
 * time seen in that stream) reaches end + grace; a frame whose window has closed is late.
 */
public sealed interface WindowSpec {

    /** The frame's time on this spec's axis. */
    long time(long seq, long ptsMillis);

    /** Length of a window on the axis. */
    long size();

    /** Grace on the axis. */
    long grace();

    /** Unit of the axis, for messages: "ms" or "frames". */
    String unit();

    /** Start of the window that holds time t. */
    default long startOf(long t) {
        return Math.floorDiv(t, size()) * size();
    }

    /** End (exclusive) of the window that starts at start. */
    default long endOf(long start) {
        return start + size();
    }

    /** Whether the window starting at start is closed at the given stream time. */
    default boolean closedAt(long start, long streamTime) {
        return endOf(start) + grace() <= streamTime;
    }

    /**
     * Windows by presentation time.
     *
     * @param size window length in milliseconds, positive
     * @param grace milliseconds after a window's end during which late frames are still taken
     */
    record ByTime(long size, long grace) implements WindowSpec {
        public ByTime {
            if (size <= 0) {
                throw new IllegalArgumentException("window size must be positive, was " + size);
            }
            if (grace < 0) {
                throw new IllegalArgumentException("grace must not be negative, was " + grace);
            }
        }

        @Override
        public long time(long seq, long ptsMillis) {
            return ptsMillis;
        }

        @Override
        public String unit() {
            return "ms";
        }
    }

    /**
     * Windows by frame count.
     *
     * @param size frames per window, positive
     * @param grace frames after a window's end during which late frames are still taken
     */
    record ByFrames(long size, long grace) implements WindowSpec {
        public ByFrames {
            if (size <= 0) {
                throw new IllegalArgumentException("window frames must be positive, was " + size);
            }
            if (grace < 0) {
                throw new IllegalArgumentException("grace must not be negative, was " + grace);
            }
        }

        @Override
        public long time(long seq, long ptsMillis) {
            return seq;
        }

        @Override
        public String unit() {
            return "frames";
        }
    }
}
