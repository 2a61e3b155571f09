package dev.skim.ingest.publish;

import dev.skim.ingest.IngestException;
import java.util.Locale;

/**
 * A bounding box for published frames: larger frames are downscaled to fit, keeping their aspect
 * ratio; smaller frames are never upscaled.
 *
 * @param width maximum width in pixels
 * @param height maximum height in pixels
 */
public record MaxSize(int width, int height) {

    /** No downscaling unless the record would not fit in a Kafka request. */
    public static final MaxSize UNLIMITED = new MaxSize(Integer.MAX_VALUE, Integer.MAX_VALUE);

    public MaxSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "max size must be positive, was " + width + "x" + height);
        }
    }

    /**
     * Parses {@code 640} (a 640x640 box, i.e. the longer side at most 640) or {@code 640x360}.
     *
     * @throws IngestException INVALID_CONFIG for anything else
     */
    public static MaxSize parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            int x = t.indexOf('x');
            MaxSize size =
                    x < 0
                            ? new MaxSize(Integer.parseInt(t), Integer.parseInt(t))
                            : new MaxSize(
                                    Integer.parseInt(t.substring(0, x)),
                                    Integer.parseInt(t.substring(x + 1)));
            return size;
        } catch (IllegalArgumentException e) {
            throw new IngestException(
                    IngestException.Reason.INVALID_CONFIG,
                    "Bad max size '"
                            + text
                            + "': expected N or WIDTHxHEIGHT with positive integers",
                    e);
        }
    }

    /** The size an image of {@code w x h} gets when fitted into this box (never upscaled). */
    public int[] fit(int w, int h) {
        if (w <= width && h <= height) {
            return new int[] {w, h};
        }
        double scale = Math.min((double) width / w, (double) height / h);
        return new int[] {
            Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))
        };
    }
}
