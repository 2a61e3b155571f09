package dev.skim.bridge.llm;

/** The backend is not called because its circuit breaker is open. */
public class LlmUnavailableException extends RuntimeException {
    public LlmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
