package dev.skim.bridge.api;

import java.time.Duration;
import java.util.Optional;

/** Thrown by resources to answer with a problem-details body. */
public class ProblemException extends RuntimeException {
    private static final String TYPES = "https://skim.dev/problems/";

    private final int status;
    private final String title;
    private final String type;
    private final Duration retryAfter;

    public ProblemException(int status, String title, String detail) {
        this(status, title, title.toLowerCase().replace(' ', '-'), detail, null);
    }

    /**
     * @param status the HTTP status
     * @param title the status's reason phrase
     * @param kind the last segment of the problem type URI, e.g. {@code llm-timeout}
     * @param detail what exactly went wrong
     * @param retryAfter sent as {@code Retry-After} (whole seconds, rounded up), or null
     */
    public ProblemException(
            int status, String title, String kind, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.type = TYPES + kind;
        this.retryAfter = retryAfter;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public Problem problem() {
        return new Problem(type, title, status, getMessage());
    }

    public int status() {
        return status;
    }

    /** The {@code Retry-After} value in seconds, when the client should retry later. */
    public Optional<Long> retryAfterSeconds() {
        if (retryAfter == null) {
            return Optional.empty();
        }
        long millis = retryAfter.toMillis();
        return Optional.of(Math.max(1, (millis + 999) / 1000));
    }
}
