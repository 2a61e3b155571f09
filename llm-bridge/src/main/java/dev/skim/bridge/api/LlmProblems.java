package dev.skim.bridge.api;

import dev.skim.bridge.llm.LlmException;
import dev.skim.bridge.llm.LlmUnavailableException;
import java.time.Duration;

/**
 * The answer to a failed LLM call, one status per kind of failure (README.md, "LLM failures"). 502:
 * the call failed (unreachable server, 5xx, a rejected request, a bad response); 503 with {@code
 * Retry-After}: the LLM is rate limited (its 429) or its circuit is open; 504: it timed out.
 */
final class LlmProblems {
    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(1);

    private LlmProblems() {}

    static ProblemException of(LlmUnavailableException e) {
        return new ProblemException(
                503, "Service Unavailable", "llm-circuit-open", e.getMessage(), e.retryAfter());
    }

    static ProblemException of(LlmException e) {
        return switch (e.failure()) {
            case UNREACHABLE ->
                    new ProblemException(
                            502, "Bad Gateway", "llm-unreachable", e.getMessage(), null);
            case TIMEOUT ->
                    new ProblemException(
                            504, "Gateway Timeout", "llm-timeout", e.getMessage(), null);
            // a 429 passed on would tell the client that it asks too often; the limit is the LLM
            // server's, shared by every client of the bridge: unavailable for now, retry later
            case RATE_LIMITED ->
                    new ProblemException(
                            503,
                            "Service Unavailable",
                            "llm-rate-limited",
                            e.getMessage(),
                            e.retryAfter().orElse(RATE_LIMIT_WAIT));
            case SERVER_ERROR, REJECTED, BAD_RESPONSE, NOT_CONFIGURED ->
                    new ProblemException(502, "Bad Gateway", "llm-failed", e.getMessage(), null);
        };
    }
}
