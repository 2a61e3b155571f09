package dev.skim.compressor.tagging;

import java.util.List;

/**
 * How slow frames are tagged: the taggers, and the size of the image they get. The image is made
 * from the decoded frame when it becomes a slow-frame candidate (the longest side scaled down to
 * {@code imageMaxSide}, never up) and kept with the candidate until its window closes; the taggers
 * run then, on the frames the slow policy picked.
 *
 * <p>{@code everyMillis} bounds the cost on streams with short windows: with windows by time, only
 * the slow frames of windows that contain a multiple of it (stream time 0, 10 s, 20 s, ... for 10
 * s) are tagged, which is one window in five with 2 s windows. The rule depends on the window
 * alone, so a replay after a crash tags the same windows. Windows by frame count are all tagged.
 *
 * @param pool the taggers; empty means tagging is off
 * @param imageMaxSide longest side of the tag image, in pixels
 * @param imageQuality JPEG quality of the tag image
 * @param everyMillis tag the windows that contain a multiple of this stream time; 0: every window
 */
public record Tagging(TaggerPool pool, int imageMaxSide, float imageQuality, long everyMillis) {

    /** No taggers. */
    public static final Tagging OFF = new Tagging(new TaggerPool(List.of()), 640, 0.9f, 0);

    public Tagging {
        if (everyMillis < 0) {
            throw new IllegalArgumentException("everyMillis must be >= 0, was " + everyMillis);
        }
    }

    public boolean on() {
        return !pool.isEmpty();
    }

    /**
     * Whether the slow frames of a window by time, [start, end) in stream milliseconds, are tagged
     * (windows by frame count all are: their callers do not ask).
     */
    public boolean wants(long start, long end) {
        if (everyMillis == 0) {
            return true;
        }
        long firstMultiple = Math.floorDiv(start + everyMillis - 1, everyMillis) * everyMillis;
        return firstMultiple < end;
    }
}
