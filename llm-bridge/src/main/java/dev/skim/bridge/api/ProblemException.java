package dev.skim.bridge.api;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;

/**
 * Thrown to answer with a problem-details body; made by {@link ProblemKind}, which chooses the
 * status.
 */
public class ProblemException extends RuntimeException {
    static final String PROBLEM_JSON = "application/problem+json";

    private final Problem problem;
    private final Duration retryAfter;

    ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** The {@code Retry-After} value in seconds, when the client should retry later. */
    public Optional<Long> retryAfterSeconds() {
        if (retryAfter == null) {
            return Optional.empty();
        }
        long millis = retryAfter.toMillis();
        return Optional.of(Math.max(1, (millis + 999) / 1000));
    }

    /**
     * The {@code application/problem+json} response, with {@code Retry-After} when there is one.
     */
    public Response.ResponseBuilder response() {
        Response.ResponseBuilder r =
                Response.status(problem.status()).type(PROBLEM_JSON).entity(problem);
        retryAfterSeconds().ifPresent(s -> r.header("Retry-After", String.valueOf(s)));
        return r;
    }
}
