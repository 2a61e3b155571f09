package dev.skim.bridge.api;

import dev.skim.bridge.memory.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Forwards a request about a stream to the instance that holds it, and relays the answer (status,
 * content type and body). The API key headers go along, so the owner authorizes again; a request
 * that was already forwarded once is never forwarded again (ownership moved: 503, retry).
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

    /**
     * Sends the request to {@code owner} and returns its response.
     *
     * @param pathAndQuery the request's path and query string
     * @param body the body for POST, or null for GET
     */
    public Response forward(
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

    /** Like {@link #forward} but returns the raw response (for relaying event streams). */
    HttpResponse<byte[]> send(
            Owner.Remote owner,
            String method,
            String pathAndQuery,
            byte[] body,
            HttpHeaders headers) {
        if (headers.getHeaderString(FORWARDED) != null) {
            throw new ProblemException(
                    503,
                    "Service Unavailable",
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
            throw new ProblemException(
                    502,
                    "Bad Gateway",
                    "the instance holding this stream ("
                            + owner.host()
                            + ":"
                            + owner.port()
                            + ") did not answer: "
                            + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service Unavailable", "interrupted while forwarding");
        }
    }
}
