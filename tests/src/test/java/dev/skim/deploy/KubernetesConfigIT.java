package dev.skim.deploy;

import static dev.skim.deploy.Repo.at;
import static dev.skim.deploy.Repo.list;
import static dev.skim.deploy.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.testkit.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes Deployments' configuration on the built artifacts: each container's environment on
 * top of its image's (deploy/images/pom.xml), on a real broker with the KafkaTopics' partitions.
 * The pod IP is 127.0.0.1; the broker address and the HTTP port are the test's.
 */
class KubernetesConfigIT {

    private static final Duration START = Duration.ofSeconds(120);

    private static KafkaBroker broker;
    private static final List<ImageRun> running = new ArrayList<>();
    private static int compressorPort;
    private static int bridgePort;
    private static ImageRun compressor;
    private static ImageRun bridge;
    private static ImageRun gpu;

    @BeforeAll
    static void startBrokerAndPods() throws Exception {
        broker = KafkaBroker.start();
        List<String> topics = new ArrayList<>();
        KubernetesManifestsTest.ofKind("KafkaTopic")
                .forEach(t -> topics.add(String.valueOf(at(t, "metadata.name"))));
        broker.createTopics(KubernetesManifestsTest.partitions(), topics);
        // all three at once: the start-ups overlap
        compressorPort = ImageRun.freePort();
        bridgePort = ImageRun.freePort();
        compressor = start("skim-compressor", compressorPort);
        bridge = start("skim-bridge", bridgePort);
        gpu = start("skim-compressor-gpu", ImageRun.freePort());
    }

    @AfterAll
    static void stop() {
        running.forEach(ImageRun::close);
        if (broker != null) {
            broker.close();
        }
    }

    /** Starts a Deployment's container the way its image starts, with the pod's environment. */
    private static ImageRun start(String deployment, int port) throws Exception {
        Map<String, Object> container =
                KubernetesManifestsTest.container(
                        KubernetesManifestsTest.named("Deployment", deployment));
        ImageSpec image =
                ImageSpec.all().stream()
                        .filter(s -> s.image().equals(container.get("image")))
                        .findFirst()
                        .orElseThrow();
        Map<String, String> env = new LinkedHashMap<>();
        for (Object o : list(container.get("env"))) {
            Map<String, Object> e = map(o);
            Object value = e.get("value");
            if (value == null) {
                assertThat(at(e, "valueFrom.fieldRef.fieldPath")).isEqualTo("status.podIP");
                value = "127.0.0.1";
            }
            env.put(String.valueOf(e.get("name")), String.valueOf(value));
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        ImageRun run = ImageRun.start(image, env, List.of());
        running.add(run);
        return run;
    }

    private static String stateDirOption(String deployment) {
        Map<String, Object> container =
                KubernetesManifestsTest.container(
                        KubernetesManifestsTest.named("Deployment", deployment));
        String options = KubernetesManifestsTest.env(container).get("JAVA_TOOL_OPTIONS");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("-Dkafka-streams\\.state\\.dir=(\\S+)")
                        .matcher(options);
        assertThat(m.find()).as("%s sets the state dir", deployment).isTrue();
        // and that folder is the mounted volume
        assertThat(list(container.get("volumeMounts")))
                .anySatisfy(v -> assertThat(map(v).get("mountPath")).isEqualTo(m.group(1)));
        return m.group(1);
    }

    @Test
    void shouldStartBothAppsReadyWithTheirStateOnTheMountedVolume() throws Exception {
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(
                                () ->
                                        compressor.awaitReady(
                                                "http://127.0.0.1:"
                                                        + compressorPort
                                                        + "/q/health/ready",
                                                START)),
                        CompletableFuture.runAsync(
                                () ->
                                        bridge.awaitReady(
                                                "http://127.0.0.1:"
                                                        + bridgePort
                                                        + "/q/health/ready",
                                                START)))
                .join();
        // liveness and start-up probes answer too
        for (int port : List.of(compressorPort, bridgePort)) {
            for (String probe : List.of("/q/health/live", "/q/health/started")) {
                var r =
                        java.net.http.HttpClient.newHttpClient()
                                .send(
                                        java.net.http.HttpRequest.newBuilder(
                                                        java.net.URI.create(
                                                                "http://127.0.0.1:" + port + probe))
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("%s on :%d", probe, port).isEqualTo(200);
            }
        }
        // Kafka Streams keeps its state under the mounted folder, one subfolder per application id
        assertThat(
                        compressor
                                .path(stateDirOption("skim-compressor"))
                                .resolve(
                                        Repo.applicationProperties("compressor")
                                                .getProperty(
                                                        "quarkus.kafka-streams.application-id")))
                .isDirectory();
        assertThat(
                        bridge.path(stateDirOption("skim-bridge"))
                                .resolve(
                                        Repo.applicationProperties("llm-bridge")
                                                .getProperty(
                                                        "quarkus.kafka-streams.application-id")))
                .isDirectory();
    }

    @Test
    void shouldRefuseToStartTheGpuCompressorWithoutAGpu() {
        int exit = gpu.awaitExit(START);
        assertThat(exit).as("exit code; log:\n%s", gpu.tail()).isNotZero();
        assertThat(gpu.log()).contains("device=gpu was requested");
    }
}
