package dev.skim.schemas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * A loopback stub of the two Confluent schema-registry endpoints the registry serde uses: {@code
 * POST /subjects/{subject}/versions} and {@code GET /schemas/ids/{id}}. It checks each request and
 * keeps schemas in memory; {@link #problems()} lists requests that did not match the API. Shipped
 * in the schemas test-jar for the end-to-end tests.
 */
public final class StubSchemaRegistry implements AutoCloseable {

    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> schemas = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> subjects = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    public StubSchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        // Ids start above 0 and are not 1, so a test sees the id really came from here.
        schemas.add("unused-0");
        schemas.add("unused-1");
        schemas.add("unused-2");
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers a schema directly, as another producer would; returns its id. */
    public int register(Schema schema) {
        return ids.computeIfAbsent(
                schema.toString(),
                s -> {
                    schemas.add(s);
                    return schemas.size() - 1;
                });
    }

    public List<String> problems() {
        return problems;
    }

    public List<String> subjects() {
        return subjects;
    }

    public List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            String path = exchange.getRequestURI().getPath();
            Matcher register = REGISTER.matcher(path);
            Matcher byId = BY_ID.matcher(path);
            if (register.matches()) {
                handleRegister(exchange, register.group(1));
            } else if (byId.matches()) {
                handleById(exchange, Integer.parseInt(byId.group(1)));
            } else {
                problems.add("unexpected path " + path);
                reply(exchange, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
            }
        }
    }

    private void handleRegister(HttpExchange exchange, String subject) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(exchange.getRequestMethod())) {
            problems.add("register with method " + exchange.getRequestMethod());
            reply(exchange, 405, "{\"error_code\":405,\"message\":\"Method Not Allowed\"}");
            return;
        }
        if (!RegistryClient.CONTENT_TYPE.equals(contentType)) {
            problems.add("register with content type " + contentType);
            reply(exchange, 415, "{\"error_code\":415,\"message\":\"Unsupported Media Type\"}");
            return;
        }
        Schema parsed;
        try {
            parsed = new Schema.Parser().parse(JSON.readTree(body).get("schema").textValue());
        } catch (RuntimeException | IOException e) {
            problems.add("register body without an Avro schema string: " + body + " (" + e + ")");
            reply(exchange, 422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
            return;
        }
        int id = register(parsed);
        subjects.add(subject);
        reply(exchange, 200, "{\"id\":" + id + "}");
    }

    private void handleById(HttpExchange exchange, int id) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            problems.add("schema by id with method " + exchange.getRequestMethod());
            reply(exchange, 405, "{\"error_code\":405,\"message\":\"Method Not Allowed\"}");
            return;
        }
        if (id < 3 || id >= schemas.size()) {
            reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
            return;
        }
        reply(exchange, 200, JSON.writeValueAsString(Map.of("schema", schemas.get(id))));
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", RegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
