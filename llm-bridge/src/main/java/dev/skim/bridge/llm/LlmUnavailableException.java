package dev.skim.bridge.llm;

import java.time.Duration;

/** The backend is not called because its circuit breaker is open. */
public class LlmUnavailableException extends RuntimeException {
    private final Duration retryAfter;

    /**
     * @param message why, naming the backend
     * @param retryAfter how long the circuit stays open at most (the configured circuit delay)
     * @param cause the circuit breaker's exception
     */
    public LlmUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** The longest the circuit stays open: after it, one trial call is let through. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
