package dev.skim.video.cli;

import dev.skim.video.FrameSourceException;

/**
 * The exit codes of Skim's command-line tools. Each failure a user can act on has its own number,
 * the same in every tool; a tool lists the ones it can return, with its own wording, in its help
 * ({@link Cli#commandLine}).
 */
public enum ExitCode {
    OK(0),
    FAILED(1),
    USAGE(2),
    SOURCE_NOT_FOUND(3),
    UNSUPPORTED_FORMAT(4),
    BROKER_UNREACHABLE(5),
    NOT_ALLOWED(6),
    SOURCE_UNAVAILABLE(7),
    DELIVERY_FAILED(8),
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** The exit code of a source's failure; a bad source argument is a usage error. */
    public static ExitCode of(FrameSourceException.Reason reason) {
        return switch (reason) {
            case SOURCE_NOT_FOUND -> SOURCE_NOT_FOUND;
            case UNSUPPORTED_FORMAT -> UNSUPPORTED_FORMAT;
            case SOURCE_UNAVAILABLE -> SOURCE_UNAVAILABLE;
            case NOT_ALLOWED -> NOT_ALLOWED;
            case INVALID_CONFIG -> USAGE;
        };
    }
}
