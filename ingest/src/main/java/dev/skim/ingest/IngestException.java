package dev.skim.ingest;

import java.util.Objects;

/**
 * A failure of ingest that a user can act on. The {@link Reason} says what kind of failure it is
 * (the CLI maps it to an exit code); the message says exactly what was wrong and where, with
 * credentials masked.
 */
public final class IngestException extends RuntimeException {

    /** What went wrong, in categories a user understands. */
    public enum Reason {
        /** A file, folder or device does not exist or cannot be read. */
        SOURCE_NOT_FOUND,
        /** FFmpeg cannot demux or decode the input (unknown container or codec, not a video). */
        UNSUPPORTED_FORMAT,
        /** A network source failed and reconnecting did not help. */
        SOURCE_UNAVAILABLE,
        /** The source's URL scheme is not in the allowed set. */
        NOT_ALLOWED,
        /** Kafka could not be reached or did not acknowledge records in time. */
        BROKER_UNREACHABLE,
        /** Records were sent but Kafka rejected them. */
        DELIVERY_FAILED,
        /** Bad configuration or arguments. */
        INVALID_CONFIG
    }

    private final Reason reason;

    public IngestException(Reason reason, String message) {
        this(reason, message, null);
    }

    public IngestException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
