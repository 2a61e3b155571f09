package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP server standing in for an LLM server: checks each request against a documented
 * wire format (answering 400 with the list of violations) and otherwise answers with a canned body,
 * or with scripted failures first.
 */
public final class StubServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile HttpServer server;
    private final int port;
    private final String path;
    private final Function<JsonNode, List<String>> check;
    private final String canned;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int failFirst;
    private volatile int failStatus = 503;
    private volatile long delayMillis;
    private volatile String[] failureHeader;

    private StubServer(String path, Function<JsonNode, List<String>> check, String canned) {
        this.path = path;
        this.check = check;
        this.canned = canned;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer listen(int on) {
        try {
            HttpServer s =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 0);
            s.createContext("/", this::handle);
            s.setExecutor(Executors.newCachedThreadPool());
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stub serving {@code path} that checks requests with {@code check}. */
    public static StubServer start(
            String path, Function<JsonNode, List<String>> check, String cannedJson) {
        return new StubServer(path, check, cannedJson);
    }

    /**
     * A stub of an OpenAI-compatible server ({@code POST /v1/chat/completions}) that checks the
     * request as the README documents it and answers "A forklift enters at [t=00:00:02.000]."
     */
    public static StubServer openAi() {
        return start(
                "/v1/chat/completions", WireFormats::openAi, BackendWireFormatTest.OPENAI_ANSWER);
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening: calls to {@link #baseUrl()} are refused until {@link #listenAgain()}. */
    public StubServer refuseConnections() {
        server.stop(0);
        return this;
    }

    /** Listens again on the same port after {@link #refuseConnections()}. */
    public StubServer listenAgain() {
        server = listen(port);
        return this;
    }

    /** Scripted failures carry this header (e.g. Retry-After); null for none. */
    public StubServer failureHeader(String name, String value) {
        this.failureHeader = name == null ? null : new String[] {name, value};
        return this;
    }

    /** Back to answering every call at once with the canned body. */
    public StubServer reset() {
        this.failFirst = 0;
        this.delayMillis = 0;
        this.failureHeader = null;
        calls.set(0);
        return this;
    }

    /** The next {@code n} calls fail with {@code status}. */
    public StubServer failFirst(int n, int status) {
        this.failFirst = n;
        this.failStatus = status;
        return this;
    }

    /** Every call waits this long before answering. */
    public StubServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Calls received, failed or not. */
    public int calls() {
        return calls.get();
    }

    /** Bodies of the requests that passed the check. */
    public List<JsonNode> requests() {
        return requests;
    }

    /** Authorization headers received (null when absent). */
    public List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            int n = calls.incrementAndGet();
            authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            if (delayMillis > 0) {
                sleep(delayMillis);
            }
            if (n <= failFirst) {
                String[] header = failureHeader;
                if (header != null) {
                    ex.getResponseHeaders().add(header[0], header[1]);
                }
                respond(ex, failStatus, "{\"error\":\"scripted failure " + n + "\"}");
                return;
            }
            if (!ex.getRequestMethod().equals("POST")
                    || !ex.getRequestURI().getPath().equals(path)) {
                respond(ex, 404, "{\"error\":\"expected POST " + path + "\"}");
                return;
            }
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            List<String> problems = new java.util.ArrayList<>(check.apply(body));
            if (type == null || !type.startsWith("application/json")) {
                problems.add("Content-Type must be application/json, was " + type);
            }
            if (!problems.isEmpty()) {
                respond(ex, 400, JSON.writeValueAsString(java.util.Map.of("problems", problems)));
                return;
            }
            requests.add(body);
            respond(ex, 200, canned);
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
