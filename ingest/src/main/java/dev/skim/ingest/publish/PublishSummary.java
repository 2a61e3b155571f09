package dev.skim.ingest.publish;

import java.time.Duration;

/**
 * What one {@link FramePublisher#publish} call did.
 *
 * @param streamId the stream
 * @param framesPublished frames acknowledged by Kafka
 * @param bytesPublished serialized record value bytes of those frames
 * @param unreadableFrames frames the source could not decode (skipped, counted)
 * @param damagedFrames published frames the source decoded with errors (damage concealed by the
 *     decoder)
 * @param skippedBySampling frames left out to reach the target fps
 * @param rejectedFrames frames too large for a Kafka request even after downscaling
 * @param firstSeq seq of the first published frame (-1 if none)
 * @param lastSeq seq of the last published frame (-1 if none)
 * @param firstPtsMillis pts of the first published frame (-1 if none)
 * @param lastPtsMillis pts of the last published frame (-1 if none)
 * @param elapsed wall-clock time of the call
 */
public record PublishSummary(
        String streamId,
        long framesPublished,
        long bytesPublished,
        long unreadableFrames,
        long damagedFrames,
        long skippedBySampling,
        long rejectedFrames,
        long firstSeq,
        long lastSeq,
        long firstPtsMillis,
        long lastPtsMillis,
        Duration elapsed) {

    /** Published frames per second of wall-clock time. */
    public double framesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? framesPublished / seconds : 0;
    }

    /** Published megabytes (10^6 bytes) per second of wall-clock time. */
    public double megabytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? bytesPublished / 1e6 / seconds : 0;
    }
}
