package dev.skim.bridge.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A backend call failed, and how ({@link Failure}). {@link #retryable()} is true for failures that
 * another attempt may fix (unreachable server, timeout, HTTP 429 and 5xx); those also count against
 * the circuit breaker.
 */
public class LlmException extends RuntimeException {

    /** How a call failed; the REST API answers each with its own status (see README.md). */
    public enum Failure {
        /** No connection: refused, unknown host, no route. */
        UNREACHABLE(true),
        /** No answer within the timeout (connecting or waiting for the response). */
        TIMEOUT(true),
        /** HTTP 429: the server's rate limit. */
        RATE_LIMITED(true),
        /** HTTP 5xx, or the connection broke before a full response. */
        SERVER_ERROR(true),
        /** Any other 4xx: the server refused this request; another attempt gets the same. */
        REJECTED(false),
        /** HTTP 2xx with a body that is not what the wire format says. */
        BAD_RESPONSE(false),
        /** No backend is configured. */
        NOT_CONFIGURED(false);

        private final boolean retryable;

        Failure(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Failure failure;
    private final int httpStatus;
    private final Duration retryAfter;

    /**
     * @param failure how the call failed
     * @param message what failed, naming the server's URL
     * @param httpStatus the server's HTTP status, or 0 when there was no response
     * @param retryAfter the server's {@code Retry-After}, or null when it sent none
     * @param cause the underlying exception, or null
     */
    public LlmException(
            Failure failure, String message, int httpStatus, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    LlmException(Failure failure, String message, int httpStatus, Throwable cause) {
        this(failure, message, httpStatus, null, cause);
    }

    public Failure failure() {
        return failure;
    }

    public boolean retryable() {
        return failure.retryable;
    }

    /** The server's HTTP status, or 0 when there was no response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the server asked callers to wait ({@code Retry-After}), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
