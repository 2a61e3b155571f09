package dev.skim.bridge.console;

/**
 * One record of a dead-letter topic as the API shows it (without the original bytes).
 *
 * @param dlqTopic the dead-letter topic it was read from ({@code skim.frames.dlq} or {@code
 *     skim.tokens.dlq})
 * @param dlqPartition its partition there
 * @param dlqOffset its offset there
 * @param streamId the stream, or null when it could not be read from the failed record
 * @param topic the topic of the record that failed
 * @param partition the partition of the record that failed
 * @param offset the offset of the record that failed
 * @param stage where it failed (deserialize, decode, encode, validate, ...)
 * @param reason why
 * @param exceptionClass the exception, or null
 * @param failedAtMillis when it failed (epoch milliseconds)
 * @param payloadBytes size of the original value kept in the dead letter, or null when not kept
 * @param payloadRef where the original is when it was too large to copy, or null
 */
public record DeadLetterView(
        String dlqTopic,
        int dlqPartition,
        long dlqOffset,
        String streamId,
        String topic,
        int partition,
        long offset,
        String stage,
        String reason,
        String exceptionClass,
        long failedAtMillis,
        Integer payloadBytes,
        String payloadRef) {}
