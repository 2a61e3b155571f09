package dev.skim.video;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One decoded frame.
 *
 * @param ptsMillis presentation time in the video, in milliseconds from the start of the source
 * @param image the pixels; owned by the receiver (sources never reuse a returned image)
 */
public record SourceFrame(long ptsMillis, BufferedImage image) {
    public SourceFrame {
        Objects.requireNonNull(image, "image");
        if (ptsMillis < 0) {
            throw new IllegalArgumentException("ptsMillis must be >= 0, was " + ptsMillis);
        }
    }

    /** The same pixels at another presentation time. */
    public SourceFrame withPtsMillis(long newPtsMillis) {
        return new SourceFrame(newPtsMillis, image);
    }
}
