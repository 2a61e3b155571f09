package dev.skim.bridge.api;

import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps errors to {@code application/problem+json} responses. */
public class ProblemMappers {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Response.status(e.status()).type(PROBLEM_JSON).entity(e.problem()).build();
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
        return Response.status(503)
                .type(PROBLEM_JSON)
                .header("Retry-After", "2")
                .entity(p.problem())
                .build();
    }
}
