package dev.skim.bridge.llm;

/**
 * A backend call failed. {@link #retryable()} is true for failures that another attempt may fix
 * (I/O errors, timeouts, HTTP 429 and 5xx); those also count against the circuit breaker.
 */
public class LlmException extends RuntimeException {
    private final boolean retryable;
    private final int httpStatus;

    public LlmException(String message, boolean retryable, int httpStatus, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.httpStatus = httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The server's HTTP status, or 0 when there was no response. */
    public int httpStatus() {
        return httpStatus;
    }
}
