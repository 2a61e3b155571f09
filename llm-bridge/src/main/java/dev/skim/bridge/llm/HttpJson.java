package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json");
        bearer.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<String> response;
        try {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new LlmException(uri + " did not answer within " + timeout, true, 0, e);
        } catch (IOException e) {
            throw new LlmException("cannot reach " + uri + ": " + e.getMessage(), true, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while calling " + uri, true, 0, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            boolean retryable = status == 429 || status >= 500;
            throw new LlmException(
                    uri + " answered HTTP " + status + ": " + excerpt(response.body()),
                    retryable,
                    status,
                    null);
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new LlmException(
                    uri + " answered with a body that is not JSON: " + excerpt(response.body()),
                    false,
                    status,
                    e);
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
                    from + " answered without " + pointer + ": " + excerpt(node.toString()),
                    false,
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
