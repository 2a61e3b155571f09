package dev.skim.eval;

import java.util.Objects;

/**
 * A failure of {@code skim eval} that the user can act on: the message says what was wrong, the
 * {@link ExitCode} says what kind of failure it is.
 */
public final class EvalException extends RuntimeException {
    private final ExitCode exitCode;

    public EvalException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public EvalException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
