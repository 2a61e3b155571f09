package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skim.bridge.llm.LlmException.Failure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** POSTs JSON to an LLM server and classifies failures as retryable or not. */
final class HttpJson {
    private static final int EXCERPT = 300;

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Optional<String> bearer;

    HttpJson(ObjectMapper json, Duration timeout, Optional<String> bearer) {
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
        this.json = json;
        this.timeout = timeout;
        this.bearer = bearer;
    }

    ObjectMapper json() {
        return json;
    }

    JsonNode post(URI uri, JsonNode body) {
        HttpResponse<String> response = send(uri, body);
        int status = response.statusCode();
        if (status / 100 != 2) {
            Failure failure =
                    status == 429
                            ? Failure.RATE_LIMITED
                            : status >= 500 ? Failure.SERVER_ERROR : Failure.REJECTED;
            throw new LlmException(
                    failure,
                    uri + " answered HTTP " + status + ": " + excerpt(response.body()),
                    status,
                    retryAfter(response).orElse(null),
                    null);
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new LlmException(
                    Failure.BAD_RESPONSE,
                    uri + " answered with a body that is not JSON: " + excerpt(response.body()),
                    status,
                    e);
        }
    }

    /** Sends the request; a failure to get a full response is classified here. */
    private HttpResponse<String> send(URI uri, JsonNode body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json");
        bearer.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        try {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new LlmException(
                    Failure.TIMEOUT,
                    "could not connect to " + origin(uri) + " within " + timeout,
                    0,
                    e);
        } catch (HttpTimeoutException e) {
            throw new LlmException(
                    Failure.TIMEOUT, uri + " did not answer within " + timeout, 0, e);
        } catch (ConnectException | UnresolvedAddressException e) {
            throw new LlmException(
                    Failure.UNREACHABLE,
                    "the LLM server "
                            + origin(uri)
                            + " is unreachable ("
                            + unreachableReason(e)
                            + "); is it running, and is skim.bridge.llm.base-url right?",
                    0,
                    e);
        } catch (IOException e) {
            throw new LlmException(
                    Failure.SERVER_ERROR,
                    "the connection to " + uri + " broke before a full response: " + e,
                    0,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(Failure.TIMEOUT, "interrupted while calling " + uri, 0, e);
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String unreachableReason(Exception e) {
        if (e instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        // the JDK client's ConnectException often has no message: connection refused
        return e.getMessage() == null || e.getMessage().isBlank()
                ? "connection refused"
                : e.getMessage();
    }

    /** Retry-After in seconds or as an HTTP date (RFC 9110 10.2.3); empty when absent or bad. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    static URI resolve(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + path);
    }

    static String required(JsonNode node, String pointer, URI from) {
        JsonNode v = node.at(pointer);
        if (v.isMissingNode() || v.isNull()) {
            throw new LlmException(
                    Failure.BAD_RESPONSE,
                    from + " answered without " + pointer + ": " + excerpt(node.toString()),
                    200,
                    null);
        }
        return v.asText();
    }

    static Integer optionalInt(JsonNode node, String pointer) {
        JsonNode v = node.at(pointer);
        return v.isNumber() ? v.intValue() : null;
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= EXCERPT ? body : body.substring(0, EXCERPT) + "...";
    }
}
