package dev.skim.ingest.publish;

import java.util.Map;
import java.util.Objects;

/**
 * How to publish one source.
 *
 * @param maxSize frames larger than this are downscaled, keeping the aspect ratio
 * @param jpegQuality JPEG quality, 1..100
 * @param targetFps keep at most this many frames per second of presentation time (0 = every frame);
 *     sampling goes by ptsMillis, not by frame index
 * @param realtime pace publishing by presentation time (as a live camera would); otherwise as fast
 *     as possible
 * @param maxFrames stop after this many frames have passed sampling (0 = no limit); they are all
 *     published unless one is rejected as too large
 * @param attributes extra attributes put on every frame (the source's description is added as
 *     {@code source})
 */
public record PublishOptions(
        MaxSize maxSize,
        int jpegQuality,
        double targetFps,
        boolean realtime,
        long maxFrames,
        Map<String, String> attributes) {

    public PublishOptions {
        Objects.requireNonNull(maxSize, "maxSize");
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be in 1..100, was " + jpegQuality);
        }
        if (targetFps < 0 || Double.isNaN(targetFps)) {
            throw new IllegalArgumentException("targetFps must be >= 0, was " + targetFps);
        }
        if (maxFrames < 0) {
            throw new IllegalArgumentException("maxFrames must be >= 0, was " + maxFrames);
        }
        attributes = Map.copyOf(attributes);
    }

    /** Every frame, at most 1280x1280, JPEG quality 85, as fast as possible. */
    public static PublishOptions defaults() {
        return new PublishOptions(new MaxSize(1280, 1280), 85, 0, false, 0, Map.of());
    }

    public PublishOptions withMaxSize(MaxSize value) {
        return new PublishOptions(value, jpegQuality, targetFps, realtime, maxFrames, attributes);
    }

    public PublishOptions withJpegQuality(int value) {
        return new PublishOptions(maxSize, value, targetFps, realtime, maxFrames, attributes);
    }

    public PublishOptions withTargetFps(double value) {
        return new PublishOptions(maxSize, jpegQuality, value, realtime, maxFrames, attributes);
    }

    public PublishOptions withRealtime(boolean value) {
        return new PublishOptions(maxSize, jpegQuality, targetFps, value, maxFrames, attributes);
    }

    public PublishOptions withMaxFrames(long value) {
        return new PublishOptions(maxSize, jpegQuality, targetFps, realtime, value, attributes);
    }

    public PublishOptions withAttributes(Map<String, String> value) {
        return new PublishOptions(maxSize, jpegQuality, targetFps, realtime, maxFrames, value);
    }
}
