package dev.skim.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A minimal client for the Confluent-compatible schema registry REST API (Confluent Schema
 * Registry, Apicurio's {@code /apis/ccompat/v7}): registers writer schemas and fetches schemas by
 * id, caching both. Error messages name the registry URL without credentials.
 */
final class RegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int EXCERPT = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /**
     * @param baseUrl the registry URL without credentials and without a trailing slash
     * @param basicAuth {@code user:password}, if the registry needs it
     */
    RegistryClient(String baseUrl, Optional<String> basicAuth, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.authorization =
                basicAuth.map(
                        a ->
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        a.getBytes(StandardCharsets.UTF_8)));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Registers (or looks up) the schema under {@code {topic}-value} and returns its id. */
    int idFor(String topic, Schema schema) {
        String subject = topic + "-value";
        String key = subject + "\n" + schema;
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (JsonProcessingException e) {
            throw new SerializationException("Cannot write registry request: " + e, e);
        }
        HttpRequest request =
                request("/subjects/" + subject + "/versions")
                        .header("Content-Type", CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        String what = "register " + schema.getFullName() + " under subject " + subject;
        JsonNode id = send(request, topic, what).get("id");
        if (id == null || !id.canConvertToInt()) {
            throw failure(topic, what, "the response has no integer \"id\"");
        }
        idsBySubjectAndSchema.put(key, id.intValue());
        return id.intValue();
    }

    /** Fetches (once) the writer schema with this id. */
    Schema schemaFor(String topic, int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String what = "fetch writer schema id " + id;
        HttpRequest request = request("/schemas/ids/" + id).GET().build();
        JsonNode text = send(request, topic, what).get("schema");
        if (text == null || !text.isTextual()) {
            throw failure(topic, what, "the response has no \"schema\" string");
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw failure(topic, what, "the returned schema is not valid Avro: " + e.getMessage());
        }
        schemasById.put(id, schema);
        return schema;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(timeout)
                        .header("Accept", CONTENT_TYPE + ", application/json");
        authorization.ifPresent(a -> builder.header("Authorization", a));
        return builder;
    }

    private JsonNode send(HttpRequest request, String topic, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SerializationException(
                    message(topic, what, "registry unreachable (" + e + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SerializationException(message(topic, what, "interrupted"), e);
        }
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() / 100 != 2) {
            throw failure(topic, what, "HTTP " + response.statusCode() + ": " + excerpt(body));
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw failure(topic, what, "the response is not JSON: " + excerpt(body));
        }
    }

    private SerializationException failure(String topic, String what, String problem) {
        return new SerializationException(message(topic, what, problem));
    }

    private String message(String topic, String what, String problem) {
        return "Schema registry "
                + baseUrl
                + " (topic "
                + topic
                + "): cannot "
                + what
                + ": "
                + problem;
    }

    private static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "...";
    }
}
