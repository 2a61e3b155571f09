package dev.skim.ingest;

import java.util.Objects;

/**
 * A failure of publishing that a user can act on: Kafka unreachable, records rejected, or a bad
 * publishing option. The {@link Reason} says what kind of failure it is (the CLI maps it to an exit
 * code); the message says exactly what was wrong and where. A source's own failures are {@link
 * dev.skim.video.FrameSourceException}s.
 */
public final class IngestException extends RuntimeException {

    /** What went wrong, in categories a user understands. */
    public enum Reason {
        /** Kafka could not be reached or did not acknowledge records in time. */
        BROKER_UNREACHABLE,
        /** Records were sent but Kafka rejected them. */
        DELIVERY_FAILED,
        /** Bad configuration or arguments. */
        INVALID_CONFIG
    }

    private final Reason reason;

    public IngestException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
