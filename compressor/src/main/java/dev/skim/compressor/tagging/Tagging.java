package dev.skim.compressor.tagging;

import java.util.List;

/**
 * How slow frames are tagged: the taggers, and the size of the image they get. The image is made
 * from the decoded frame when it becomes a slow-frame candidate (the longest side scaled down to
 * {@code imageMaxSide}, never up) and kept with the candidate until its window closes; the taggers
 * run then, on the frames the slow policy picked.
 *
 * @param pool the taggers; empty means tagging is off
 * @param imageMaxSide longest side of the tag image, in pixels
 * @param imageQuality JPEG quality of the tag image
 */
public record Tagging(TaggerPool pool, int imageMaxSide, float imageQuality) {

    /** No taggers. */
    public static final Tagging OFF = new Tagging(new TaggerPool(List.of()), 640, 0.9f);

    public boolean on() {
        return !pool.isEmpty();
    }
}
