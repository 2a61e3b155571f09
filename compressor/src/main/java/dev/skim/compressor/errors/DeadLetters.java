package dev.skim.compressor.errors;

import dev.skim.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds {@link DeadLetter} records with the coordinates of the record that failed. */
public final class DeadLetters {

    /** Originals larger than this are not copied into the dead letter, only referenced. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private DeadLetters() {}

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
                .setStreamId(streamId)
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setStage(stage)
                .setReason(reason)
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
}
