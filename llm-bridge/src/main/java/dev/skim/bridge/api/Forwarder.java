package dev.skim.bridge.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skim.bridge.memory.Owner;
import dev.skim.bridge.memory.StreamInfo;
import dev.skim.bridge.memory.StreamOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one place that decides whether a request about a stream is answered here or by the instance
 * that holds the stream, and forwards it there (method, path, query, body; the answer's status,
 * content type, body and {@code Retry-After} come back). The API key headers go along, so the owner
 * authorizes again; a request that was already forwarded once is never forwarded again (ownership
 * moved: 503, retry).
 */
@ApplicationScoped
public class Forwarder {
    private static final Logger LOG = Logger.getLogger(Forwarder.class);

    /** Marks a forwarded request. */
    public static final String FORWARDED = "X-Skim-Forwarded";

    private static final List<String> PASSED =
            List.of("X-API-Key", "Authorization", "Content-Type", "Accept");

    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
    private final StreamOwners owners;
    private final ObjectMapper json;

    Forwarder(StreamOwners owners, ObjectMapper json) {
        this.owners = owners;
        this.json = json;
    }

    /**
     * The instance that holds {@code streamId} when it is another one; empty when this one does.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while ownership is unknown
     *     (503)
     */
    public Optional<Owner.Remote> elsewhere(String streamId) {
        return owners.of(streamId) instanceof Owner.Remote r ? Optional.of(r) : Optional.empty();
    }

    /**
     * Answers a GET about {@code streamId}: with {@code here} when this instance holds the stream,
     * otherwise with the answer of the instance that holds it.
     */
    public Response answerGet(
            String streamId, UriInfo uri, HttpHeaders headers, Supplier<Response> here) {
        return answer(streamId, "GET", uri, headers, null, here);
    }

    /**
     * Like {@link #answerGet} for a POST whose body is {@code entity}, sent on as JSON (a {@code
     * byte[]} is sent as it is, with the request's Content-Type).
     */
    public Response answerPost(
            String streamId,
            UriInfo uri,
            HttpHeaders headers,
            Object entity,
            Supplier<Response> here) {
        return answer(streamId, "POST", uri, headers, entity, here);
    }

    private Response answer(
            String streamId,
            String method,
            UriInfo uri,
            HttpHeaders headers,
            Object entity,
            Supplier<Response> here) {
        return elsewhere(streamId)
                .map(owner -> forward(owner, method, pathAndQuery(uri), bytes(entity), headers))
                .orElseGet(here);
    }

    /**
     * Relays an event stream from the instance that holds the stream: its events one by one, or its
     * problem body as one {@code error} event when it does not answer 200.
     */
    void relayEvents(
            Owner.Remote owner,
            UriInfo uri,
            HttpHeaders headers,
            Object entity,
            SseEventSink sink,
            Sse sse) {
        HttpResponse<byte[]> r = send(owner, "POST", pathAndQuery(uri), bytes(entity), headers);
        String text = new String(r.body(), StandardCharsets.UTF_8);
        List<ServerSentEvents.Event> events =
                r.statusCode() == 200
                        ? ServerSentEvents.parse(text)
                        : List.of(new ServerSentEvents.Event("error", text));
        for (ServerSentEvents.Event e : events) {
            sink.send(
                    sse.newEventBuilder()
                            .name(e.name())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(String.class, e.data())
                            .build());
        }
    }

    /** The streams another instance holds ({@code GET /v1/streams?scope=local} there). */
    List<StreamInfo> streamsOf(Owner.Remote other, HttpHeaders headers) {
        Response r = forward(other, "GET", "/v1/streams?scope=local", null, headers);
        if (r.getStatus() != 200) {
            throw ProblemKind.BAD_GATEWAY.exception(
                    "instance "
                            + other.host()
                            + ":"
                            + other.port()
                            + " answered "
                            + r.getStatus()
                            + " to the stream list");
        }
        try {
            return json.readValue((byte[]) r.getEntity(), new TypeReference<List<StreamInfo>>() {});
        } catch (IOException e) {
            throw ProblemKind.BAD_GATEWAY.exception(
                    "cannot read the stream list of " + other + ": " + e);
        }
    }

    /**
     * Another instance's JSON answer to a GET (a request that instance answers for its own streams
     * only, such as {@code /v1/search?scope=local}); 502 when it does not answer 200.
     */
    <T> T getJson(Owner.Remote other, String pathAndQuery, HttpHeaders headers, Class<T> type) {
        Response r = forward(other, "GET", pathAndQuery, null, headers);
        if (r.getStatus() != 200) {
            throw ProblemKind.BAD_GATEWAY.exception(
                    "instance "
                            + other.host()
                            + ":"
                            + other.port()
                            + " answered "
                            + r.getStatus()
                            + " to "
                            + pathAndQuery);
        }
        try {
            return json.readValue((byte[]) r.getEntity(), type);
        } catch (IOException e) {
            throw ProblemKind.BAD_GATEWAY.exception(
                    "cannot read the answer of " + other + " to " + pathAndQuery + ": " + e);
        }
    }

    /** Sends the request to {@code owner} and returns its response. */
    private Response forward(
            Owner.Remote owner,
            String method,
            String pathAndQuery,
            byte[] body,
            HttpHeaders headers) {
        HttpResponse<byte[]> r = send(owner, method, pathAndQuery, body, headers);
        Response.ResponseBuilder out = Response.status(r.statusCode()).entity(r.body());
        r.headers().firstValue("Content-Type").ifPresent(out::type);
        r.headers().firstValue("Retry-After").ifPresent(v -> out.header("Retry-After", v));
        return out.build();
    }

    private HttpResponse<byte[]> send(
            Owner.Remote owner,
            String method,
            String pathAndQuery,
            byte[] body,
            HttpHeaders headers) {
        if (headers.getHeaderString(FORWARDED) != null) {
            throw ProblemKind.SERVICE_UNAVAILABLE.exception(
                    "this stream's memory is moving between instances (rebalancing); retry shortly");
        }
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery);
        HttpRequest.Builder req =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofMinutes(5))
                        .header(FORWARDED, "1")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : PASSED) {
            String v = headers.getHeaderString(h);
            if (v != null) {
                req.header(h, v);
            }
        }
        LOG.debugf("forwarding %s %s to %s:%d", method, pathAndQuery, owner.host(), owner.port());
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ProblemKind.BAD_GATEWAY.exception(
                    "the instance holding this stream ("
                            + owner.host()
                            + ":"
                            + owner.port()
                            + ") did not answer: "
                            + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemKind.SERVICE_UNAVAILABLE.exception("interrupted while forwarding");
        }
    }

    private static String pathAndQuery(UriInfo uri) {
        String q = uri.getRequestUri().getRawQuery();
        return uri.getRequestUri().getRawPath() + (q == null ? "" : "?" + q);
    }

    private byte[] bytes(Object entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof byte[] raw) {
            return raw;
        }
        try {
            return json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request: " + e, e);
        }
    }
}
