package dev.skim.bridge.api;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps errors to {@code application/problem+json} responses. */
public class ProblemMappers {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e, "Retry-After", e.retryAfterSeconds().map(String::valueOf).orElse(null));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail =
                e.getConstraintViolations().stream()
                        .map(ConstraintViolation::getMessage)
                        .sorted()
                        .collect(Collectors.joining("; "));
        return respond(ProblemException.badRequest(detail), null, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(new ProblemException(status, title, e.getMessage()), null, null);
    }

    @ServerExceptionMapper({InvalidStateStoreException.class, IllegalStateException.class})
    public Response notReady(RuntimeException e) {
        ProblemException p =
                new ProblemException(
                        503,
                        "Service Unavailable",
                        "The token memory is not queryable yet (Kafka Streams is starting or"
                                + " rebalancing); retry shortly. "
                                + e.getMessage());
        return respond(p, "Retry-After", "2");
    }

    static Response respond(ProblemException e, String header, String value) {
        Response.ResponseBuilder r =
                Response.status(e.status()).type(PROBLEM_JSON).entity(e.problem());
        if (header != null && value != null) {
            r.header(header, value);
        }
        return r.build();
    }
}
