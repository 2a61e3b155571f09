package dev.skim.bridge.api;

import dev.skim.bridge.llm.LlmException;
import dev.skim.bridge.llm.LlmUnavailableException;
import java.time.Duration;
import java.util.Locale;

/**
 * Every kind of problem the API answers with: the one place where a failure gets its HTTP status,
 * title and problem type ({@code https://skim.dev/problems/<kind>}). README.md lists them ("REST
 * API", "Ask", "LLM failures").
 */
public enum ProblemKind {
    /** A parameter, time range or token budget outside the API's rules; an invalid body. */
    BAD_REQUEST(400, "Bad Request", "bad-request"),
    /** No API key, or one that is not valid. */
    UNAUTHORIZED(401, "Unauthorized", "unauthorized"),
    /** The API key may not read the stream. */
    FORBIDDEN(403, "Forbidden", "forbidden"),
    /** No such stream or keyframe in the token memory. */
    NOT_FOUND(404, "Not Found", "not-found"),
    /** A question longer than the limit. */
    PAYLOAD_TOO_LARGE(413, "Payload Too Large", "payload-too-large"),
    /** The backend cannot use this stream's tokens (embeddings of another encoder). */
    UNPROCESSABLE_CONTENT(422, "Unprocessable Content", "unprocessable-content"),
    /** Another bridge instance did not answer, or answered what cannot be read. */
    BAD_GATEWAY(502, "Bad Gateway", "bad-gateway"),
    /** Not queryable yet (starting, rebalancing) or the stream is moving between instances. */
    SERVICE_UNAVAILABLE(503, "Service Unavailable", "service-unavailable"),
    /** The LLM server cannot be reached. */
    LLM_UNREACHABLE(502, "Bad Gateway", "llm-unreachable"),
    /** The LLM server did not answer in time. */
    LLM_TIMEOUT(504, "Gateway Timeout", "llm-timeout"),
    /** The LLM server failed, rejected the request or answered outside its wire format. */
    LLM_FAILED(502, "Bad Gateway", "llm-failed"),
    /** The LLM server's own rate limit (its 429). */
    LLM_RATE_LIMITED(503, "Service Unavailable", "llm-rate-limited"),
    /** The LLM is not called: its circuit is open. */
    LLM_CIRCUIT_OPEN(503, "Service Unavailable", "llm-circuit-open");

    private static final String TYPES = "https://skim.dev/problems/";
    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(1);

    /** The problem of this kind, without a detail. */
    private final Problem template;

    ProblemKind(int status, String title, String kind) {
        this.template = new Problem(TYPES + kind, title, status, null);
    }

    /** A problem of this kind, {@code detail} saying what exactly went wrong. */
    public ProblemException exception(String detail) {
        return exception(detail, null);
    }

    /**
     * @param retryAfter sent as {@code Retry-After} (whole seconds, rounded up), or null
     */
    public ProblemException exception(String detail, Duration retryAfter) {
        return new ProblemException(
                new Problem(template.type(), template.title(), template.status(), detail),
                retryAfter);
    }

    /**
     * A problem with a status that the HTTP layer chose (unknown path, wrong method or media type):
     * its type is named after the status's reason phrase, e.g. {@code method-not-allowed}.
     */
    static ProblemException ofStatus(int status, String reasonPhrase, String detail) {
        String type = TYPES + reasonPhrase.toLowerCase(Locale.ROOT).replace(' ', '-');
        return new ProblemException(new Problem(type, reasonPhrase, status, detail), null);
    }

    /** The answer to an LLM that is not called: its circuit is open (README.md, "LLM failures"). */
    static ProblemException of(LlmUnavailableException e) {
        return LLM_CIRCUIT_OPEN.exception(e.getMessage(), e.retryAfter());
    }

    /** The answer to a failed LLM call, one kind per failure (README.md, "LLM failures"). */
    static ProblemException of(LlmException e) {
        return switch (e.failure()) {
            case UNREACHABLE -> LLM_UNREACHABLE.exception(e.getMessage());
            case TIMEOUT -> LLM_TIMEOUT.exception(e.getMessage());
            // a 429 passed on would tell the client that it asks too often; the limit is the
            // LLM server's, shared by every client of the bridge: unavailable now, retry later
            case RATE_LIMITED ->
                    LLM_RATE_LIMITED.exception(
                            e.getMessage(), e.retryAfter().orElse(RATE_LIMIT_WAIT));
            case SERVER_ERROR, REJECTED, BAD_RESPONSE, NOT_CONFIGURED ->
                    LLM_FAILED.exception(e.getMessage());
        };
    }
}
