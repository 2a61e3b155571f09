package dev.skim.video.cli;

import java.util.Objects;

/**
 * A failure of a command-line tool that the user can act on: the message says what was wrong, the
 * {@link ExitCode} says what kind of failure it is. Thrown from a command's {@code call()}, {@link
 * Cli#commandLine} prints the message and exits with the code.
 */
public final class CliException extends RuntimeException {
    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
