package dev.skim.bridge.memory;

import dev.skim.avro.Tier;
import java.time.Duration;
import java.util.Objects;

/**
 * How long each tier of a stream is kept, measured in stream time: a block is dropped once its last
 * frame is older than the newest presentation time seen on that stream and tier minus the
 * retention. Stream time (not wall-clock time) makes a replayed video keep the same memory as a
 * live camera, and makes retention testable.
 *
 * @param fast retention of the FAST tier
 * @param slow retention of the SLOW tier
 * @param frame retention of the FRAME tier (one token per frame)
 * @param keyframes retention of keyframe JPEGs
 */
public record MemoryPolicy(Duration fast, Duration slow, Duration frame, Duration keyframes) {

    public MemoryPolicy {
        requirePositive(fast, "fast");
        requirePositive(slow, "slow");
        requirePositive(frame, "frame");
        requirePositive(keyframes, "keyframes");
    }

    /** Slow detail for an hour, fast tokens for a day, one token per frame for 30 days. */
    public static MemoryPolicy defaults() {
        return new MemoryPolicy(
                Duration.ofHours(24),
                Duration.ofHours(1),
                Duration.ofDays(30),
                Duration.ofHours(1));
    }

    /** Retention of a tier. */
    public Duration of(Tier tier) {
        return switch (tier) {
            case FAST -> fast;
            case SLOW -> slow;
            case FRAME -> frame;
        };
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " retention must be positive, was " + d);
        }
    }
}
