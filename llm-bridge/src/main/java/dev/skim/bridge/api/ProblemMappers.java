package dev.skim.bridge.api;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps errors to {@code application/problem+json} responses. */
public class ProblemMappers {

    /** How long a client waits before asking again while the token memory is not queryable. */
    private static final Duration NOT_READY_WAIT = Duration.ofSeconds(2);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.response().build();
    }

    /** Search by example's failures, by their kind. */
    @ServerExceptionMapper
    public Response similar(dev.skim.bridge.search.SimilarException e) {
        ProblemKind kind =
                switch (e.kind()) {
                    case BAD_REQUEST -> ProblemKind.BAD_REQUEST;
                    case NOT_FOUND -> ProblemKind.NOT_FOUND;
                    case TOO_LARGE -> ProblemKind.PAYLOAD_TOO_LARGE;
                    case UNPROCESSABLE -> ProblemKind.UNPROCESSABLE_CONTENT;
                    case UNAVAILABLE -> ProblemKind.SERVICE_UNAVAILABLE;
                };
        return problem(kind.exception(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail =
                e.getConstraintViolations().stream()
                        .map(ConstraintViolation::getMessage)
                        .sorted()
                        .collect(Collectors.joining("; "));
        return ProblemKind.BAD_REQUEST.exception(detail).response().build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return ProblemKind.ofStatus(status, title, e.getMessage()).response().build();
    }

    @ServerExceptionMapper({InvalidStateStoreException.class, IllegalStateException.class})
    public Response notReady(RuntimeException e) {
        return ProblemKind.SERVICE_UNAVAILABLE
                .exception(
                        "The token memory is not queryable yet (Kafka Streams is starting or"
                                + " rebalancing); retry shortly. "
                                + e.getMessage(),
                        NOT_READY_WAIT)
                .response()
                .build();
    }
}
