package dev.skim.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Compose stack without Docker: the built artifacts started exactly as their images start them
 * (entrypoint and environment from deploy/images/pom.xml) with the environment and command of their
 * docker-compose.yml service, on a real broker with the topics kafka-init creates. Only the broker
 * address and the HTTP port differ (the test's broker; a free port).
 */
class ComposeServicesIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static KafkaBroker broker;
    private static ImageRun compressor;
    private static ImageRun bridge;
    private static int compressorPort;
    private static int bridgePort;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() throws Exception {
        broker = KafkaBroker.start();
        broker.createTopics(ComposeFileTest.partitions(), ComposeFileTest.createdTopics().keySet());
        compressorPort = ImageRun.freePort();
        bridgePort = ImageRun.freePort();
        compressor =
                ImageRun.start(
                        ImageSpec.of("compressor"), env("compressor", compressorPort), List.of());
        bridge = ImageRun.start(ImageSpec.of("llm-bridge"), env("bridge", bridgePort), List.of());
        CompletableFuture<Void> c =
                CompletableFuture.runAsync(
                        () -> compressor.awaitReady(url(compressorPort, "/q/health/ready"), START));
        CompletableFuture<Void> b =
                CompletableFuture.runAsync(
                        () -> bridge.awaitReady(url(bridgePort, "/q/health/ready"), START));
        CompletableFuture.allOf(c, b).join();
    }

    /** The service's Compose environment, pointed at the test's broker and a free port. */
    private static Map<String, String> env(String service, int port) {
        Map<String, String> env = new LinkedHashMap<>(ComposeFileTest.environment(service));
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        return env;
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {bridge, compressor, broker}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    private static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Runs the ingest image with the Compose command, stopped after {@code frames} frames, as
     * stream {@code streamId} (each test has its own stream).
     */
    private static void ingest(int frames, String streamId) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(ComposeFileTest.environment("ingest"));
        env.put("SKIM_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        List<String> args = new ArrayList<>(ComposeFileTest.command("ingest"));
        args.replaceAll(a -> a.startsWith("--stream-id=") ? "--stream-id=" + streamId : a);
        args.add(0, "--max-frames=" + frames);
        try (ImageRun ingest = ImageRun.start(ImageSpec.of("ingest"), env, args)) {
            assertThat(ingest.awaitExit(TIMEOUT))
                    .as("ingest exit code; log:\n%s", ingest.log())
                    .isZero();
        }
    }

    private static String streamId() {
        return ComposeFileTest.command("ingest").stream()
                .filter(a -> a.startsWith("--stream-id="))
                .map(a -> a.substring("--stream-id=".length()))
                .findFirst()
                .orElseThrow();
    }

    private static long framesInBridge(String stream) throws Exception {
        HttpResponse<String> r = get(url(bridgePort, "/v1/streams/" + stream));
        if (r.statusCode() != 200) {
            return -1;
        }
        Matcher m = Pattern.compile("\"frames\"\\s*:\\s*(\\d+)").matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    void shouldCarryTheIngestServicesSampleThroughTheCompressorToTheBridge() throws Exception {
        String stream = streamId();
        ingest(20, stream);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long frames = -1;
        while (System.nanoTime() < deadline && frames < 20) {
            frames = framesInBridge(stream);
            Thread.sleep(500);
        }
        assertThat(frames)
                .as(
                        "frames of stream %s in the bridge; compressor log:\n%s",
                        stream, compressor.tail())
                .isEqualTo(20);
    }

    @Test
    void shouldExportEveryMetricTheDashboardReads() throws Exception {
        // Traffic that makes every lazily registered meter appear: frames, a dead letter, API
        // calls.
        String stream = streamId() + "-metrics";
        ingest(10, stream);
        try (var raw =
                new KafkaProducer<>(
                        broker.clientProperties(),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.FRAMES, "poison", "not a frame".getBytes())).get();
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<String> exported = new TreeSet<>();
        Set<String> missing = Dashboard.metricNames();
        Set<String> labels = Set.of();
        while (System.nanoTime() < deadline && !missing.isEmpty()) {
            get(url(bridgePort, "/v1/streams"));
            post(
                    url(bridgePort, "/v1/streams/" + stream + "/ask"),
                    "{\"question\":\"What happened?\"}");
            exported.clear();
            String metrics =
                    get(url(compressorPort, "/q/metrics")).body()
                            + "\n"
                            + get(url(bridgePort, "/q/metrics")).body();
            exported.addAll(metricNames(metrics));
            labels = labelNames(metrics);
            missing = new TreeSet<>(Dashboard.metricNames());
            missing.removeAll(exported);
            Thread.sleep(1000);
        }
        assertThat(Dashboard.metricNames()).isNotEmpty();
        assertThat(labels)
                .as("labels the dashboard matches on or groups by")
                .containsAll(Dashboard.labelNames());
        assertThat(missing)
                .as(
                        "metrics the dashboard reads that neither app exports; exported:\n%s",
                        String.join("\n", exported))
                .isEmpty();
    }

    /** Label names in the Prometheus text format. */
    static Set<String> labelNames(String exposition) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("[{,]([A-Za-z_][A-Za-z0-9_]*)=\"").matcher(exposition);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Metric names in the Prometheus text format. */
    static Set<String> metricNames(String exposition) {
        Set<String> out = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)").matcher(line);
                if (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }
}
