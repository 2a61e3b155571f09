package dev.skim.compressor.errors;

import dev.skim.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/** Builds {@link DeadLetter} records with the coordinates of the record that failed. */
public final class DeadLetters {

    /** Originals larger than this are not copied into the dead letter, only referenced. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    /**
     * Reasons and stream ids longer than this are cut (with their length said), so that a dead
     * letter stays far under a record's 1 MB whatever the failed record held (a key that is not its
     * frame's stream id is quoted in the reason, and both may be long).
     */
    public static final int MAX_TEXT_CHARS = 4096;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {}

    /**
     * A dead letter for a decoded frame that failed at {@code stage} while its record was being
     * processed (the original bytes are in the input topic at the given coordinates); logged with
     * those coordinates.
     */
    public static DeadLetter forFrame(
            RecordMetadata where,
            String streamId,
            long seq,
            String stage,
            String reason,
            Throwable error) {
        LOG.warnf(
                "Dead letter: stream=%s seq=%d %s-%d@%d stage=%s: %s",
                streamId, seq, where.topic(), where.partition(), where.offset(), stage, reason);
        return of(
                streamId,
                where.topic(),
                where.partition(),
                where.offset(),
                stage,
                reason,
                error,
                null);
    }

    /**
     * A dead letter for a record that failed at {@code stage}.
     *
     * @param payload the original value bytes, or null when not at hand
     */
    public static DeadLetter of(
            String streamId,
            String topic,
            int partition,
            long offset,
            String stage,
            String reason,
            Throwable error,
            byte[] payload) {
        boolean keep = payload != null && payload.length <= MAX_PAYLOAD_BYTES;
        return DeadLetter.newBuilder()
                .setStreamId(streamId == null ? null : cut(streamId))
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setStage(stage)
                .setReason(cut(reason))
                .setExceptionClass(error == null ? null : error.getClass().getName())
                .setPayload(keep ? ByteBuffer.wrap(payload) : null)
                .setPayloadRef(
                        payload != null && !keep
                                ? topic
                                        + "/"
                                        + partition
                                        + "@"
                                        + offset
                                        + " ("
                                        + payload.length
                                        + " bytes, not copied)"
                                : null)
                .setFailedAt(Instant.now())
                .build();
    }

    private static String cut(String text) {
        if (text.length() <= MAX_TEXT_CHARS) {
            return text;
        }
        return text.substring(0, MAX_TEXT_CHARS)
                + "... ("
                + text.length()
                + " characters, cut at "
                + MAX_TEXT_CHARS
                + ")";
    }
}
