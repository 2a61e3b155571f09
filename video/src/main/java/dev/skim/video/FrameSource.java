package dev.skim.video;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A source of decoded video frames in presentation order: a video file, a network stream, a camera,
 * a folder of images or a synthetic generator.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #next()} returns frames with their true presentation time ({@link
 *       SourceFrame#ptsMillis()}), non-decreasing, and an empty result once the source is exhausted
 *       (never null). Frames the source could not decode are skipped and counted in {@link
 *       #unreadableFrames()}, not silently dropped; frames decoded with errors (the damage
 *       concealed by the decoder) are returned and counted in {@link #damagedFrames()}.
 *   <li>A source is single-threaded: one caller reads it.
 *   <li>{@link #description()} is safe to log: credentials in URLs are masked.
 * </ul>
 */
public interface FrameSource extends AutoCloseable {

    /**
     * The next frame, or empty at the end of the source.
     *
     * @throws FrameSourceException when the source fails in a way it cannot recover from
     */
    Optional<SourceFrame> next();

    /** A human-readable name of the source, with credentials masked. */
    String description();

    /** Frames that were skipped because they could not be read or decoded, so far. */
    default long unreadableFrames() {
        return 0;
    }

    /**
     * Frames returned so far although the decoder reported errors in them: parts of the picture
     * were guessed (concealed) from neighbouring data.
     */
    default long damagedFrames() {
        return 0;
    }

    /** How many frames the source holds when it knows (for progress and ETA). */
    default OptionalLong expectedFrames() {
        return OptionalLong.empty();
    }

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
