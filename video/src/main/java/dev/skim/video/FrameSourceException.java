package dev.skim.video;

import java.util.Objects;

/**
 * A failure of a {@link FrameSource} that a user can act on. The {@link Reason} says what kind of
 * failure it is (a command-line tool maps it to an exit code, see {@code
 * dev.skim.video.cli.ExitCode#of}); the message says exactly what was wrong and where, with
 * credentials masked.
 */
public final class FrameSourceException extends RuntimeException {

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
        /** A bad source argument (synthetic spec, URL, frame rate). */
        INVALID_CONFIG
    }

    private final Reason reason;

    public FrameSourceException(Reason reason, String message) {
        this(reason, message, null);
    }

    public FrameSourceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
