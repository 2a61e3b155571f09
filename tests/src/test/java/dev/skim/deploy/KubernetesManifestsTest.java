package dev.skim.deploy;

import static dev.skim.deploy.Repo.at;
import static dev.skim.deploy.Repo.list;
import static dev.skim.deploy.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.schemas.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/k8s against the project: topics, images, probes, ports, config keys, scaling. */
class KubernetesManifestsTest {

    private static Map<String, List<Map<String, Object>>> files;

    @BeforeAll
    static void parse() {
        files();
    }

    /** Every manifest under deploy/k8s, parsed once. */
    static synchronized Map<String, List<Map<String, Object>>> files() {
        if (files == null) {
            files = Repo.k8sManifests();
        }
        return files;
    }

    static List<Map<String, Object>> ofKind(String kind) {
        List<Map<String, Object>> out = new ArrayList<>();
        files().values()
                .forEach(
                        docs ->
                                docs.stream()
                                        .filter(d -> kind.equals(d.get("kind")))
                                        .forEach(out::add));
        return out;
    }

    static Map<String, Object> named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(d -> name.equals(at(d, "metadata.name")))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + kind + " " + name + " in deploy/k8s"));
    }

    /** Deployments that run a Skim app, with the module each runs. */
    static Map<Map<String, Object>, String> appDeployments() {
        Map<Map<String, Object>, String> out = new LinkedHashMap<>();
        for (Map<String, Object> d : ofKind("Deployment")) {
            String image = String.valueOf(at(container(d), "image"));
            for (ImageSpec spec : ImageSpec.all()) {
                if (spec.image().equals(image)) {
                    out.put(d, spec.execution().replace("-gpu", ""));
                }
            }
        }
        return out;
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = list(at(deployment, "spec.template.spec.containers"));
        assertThat(containers).as("containers of %s", at(deployment, "metadata.name")).hasSize(1);
        return map(containers.get(0));
    }

    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : list(container.get("env"))) {
            Map<String, Object> e = map(o);
            out.put(
                    String.valueOf(e.get("name")),
                    e.containsKey("value") ? String.valueOf(e.get("value")) : null);
        }
        return out;
    }

    static int partitions() {
        Set<Object> counts = new LinkedHashSet<>();
        ofKind("KafkaTopic").forEach(t -> counts.add(at(t, "spec.partitions")));
        assertThat(counts).as("one partition count for all topics").hasSize(1);
        return (Integer) counts.iterator().next();
    }

    @Test
    void shouldParseEveryManifestAsKubernetesObjects() {
        assertThat(files).isNotEmpty();
        files.forEach(
                (file, docs) -> {
                    assertThat(docs).as(file).isNotEmpty();
                    for (Map<String, Object> d : docs) {
                        if (file.equals("kustomization.yaml")) {
                            continue;
                        }
                        assertThat(d).as(file).containsKeys("apiVersion", "kind", "metadata");
                        assertThat(at(d, "metadata.name")).as(file).isNotNull();
                        if (!"Namespace".equals(d.get("kind"))) {
                            assertThat(at(d, "metadata.namespace")).as(file).isEqualTo("skim");
                        }
                    }
                });
    }

    @Test
    void shouldListOnlyFilesThatExistInTheKustomization() {
        Map<String, Object> k = files.get("kustomization.yaml").get(0);
        for (Object r : list(k.get("resources"))) {
            assertThat(Files.exists(Repo.path("deploy/k8s/" + r))).as(String.valueOf(r)).isTrue();
        }
        assertThat(list(k.get("resources")))
                .contains("kafka.yaml", "topics.yaml", "compressor.yaml", "bridge.yaml");
    }

    @Test
    void shouldDeclareSkimsTopicsWithThePartitionCountOfCompose() {
        List<Map<String, Object>> topics = ofKind("KafkaTopic");
        List<String> names =
                topics.stream().map(t -> String.valueOf(at(t, "metadata.name"))).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(Topics.defaults().names());
        assertThat(partitions()).isEqualTo(ComposeFileTest.partitions());
        String cluster = String.valueOf(at(ofKind("Kafka").get(0), "metadata.name"));
        Set<String> topicConfigKeys = topicConfigKeys();
        for (Map<String, Object> t : topics) {
            assertThat(at(t, "metadata.labels"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("strimzi.io/cluster", cluster);
            assertThat(topicConfigKeys).containsAll(map(at(t, "spec.config")).keySet());
        }
    }

    private static Set<String> topicConfigKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Field f : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_CONFIG")) {
                try {
                    keys.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }

    @Test
    void shouldRunTheImagesTheImagesModuleBuilds() {
        assertThat(appDeployments().values()).contains("compressor", "llm-bridge");
        for (Map<String, Object> d : ofKind("Deployment")) {
            assertThat(appDeployments()).as("image of %s", at(d, "metadata.name")).containsKey(d);
        }
    }

    @Test
    void shouldProbeQuarkusHealthOnThePortTheAppListensOn() {
        appDeployments()
                .forEach(
                        (d, module) -> {
                            Map<String, Object> c = container(d);
                            Map<String, Object> port = map(list(c.get("ports")).get(0));
                            assertThat(port.get("containerPort")).isEqualTo(Repo.httpPort(module));
                            assertThat(at(c, "readinessProbe.httpGet.path"))
                                    .isEqualTo("/q/health/ready");
                            assertThat(at(c, "livenessProbe.httpGet.path"))
                                    .isEqualTo("/q/health/live");
                            assertThat(at(c, "startupProbe.httpGet.path"))
                                    .isEqualTo("/q/health/started");
                            for (String probe :
                                    List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                                assertThat(at(c, probe + ".httpGet.port"))
                                        .isEqualTo(port.get("name"));
                            }
                            assertThat(map(at(c, "resources.requests")))
                                    .containsKeys("cpu", "memory");
                            assertThat(map(at(c, "resources.limits"))).containsKey("memory");
                        });
    }

    @Test
    void shouldGiveStoppingInstancesLongerThanQuarkusShutdownTimeout() {
        appDeployments()
                .forEach(
                        (d, module) -> {
                            String timeout =
                                    Repo.applicationProperties(module)
                                            .getProperty("quarkus.shutdown.timeout", "0s");
                            long seconds = Duration.parse("PT" + timeout.toUpperCase()).toSeconds();
                            assertThat(
                                            (Integer)
                                                    at(
                                                            d,
                                                            "spec.template.spec.terminationGracePeriodSeconds"))
                                    .as(
                                            "%s vs quarkus.shutdown.timeout=%s",
                                            at(d, "metadata.name"), timeout)
                                    .isGreaterThan((int) seconds);
                        });
    }

    @Test
    void shouldSetOnlyConfigKeysTheAppsKnow() {
        appDeployments()
                .forEach(
                        (d, module) -> {
                            AppConfig config = AppConfig.of(module);
                            env(container(d))
                                    .forEach(
                                            (name, value) -> {
                                                String where =
                                                        String.valueOf(at(d, "metadata.name"));
                                                if (name.equals("JAVA_TOOL_OPTIONS")) {
                                                    ComposeFileTest.assertSystemPropertiesKnown(
                                                            config, where, value);
                                                } else {
                                                    assertThat(config.keysOfEnv(name))
                                                            .as(
                                                                    "%s: %s sets no key of %s",
                                                                    where, name, module)
                                                            .isNotEmpty();
                                                }
                                            });
                        });
    }

    @Test
    void shouldPointTheAppsAtTheStrimziBootstrapService() {
        Map<String, Object> kafka = ofKind("Kafka").get(0);
        Object plainPort =
                list(at(kafka, "spec.kafka.listeners")).stream()
                        .map(Repo::map)
                        .filter(l -> Boolean.FALSE.equals(l.get("tls")))
                        .findFirst()
                        .orElseThrow()
                        .get("port");
        String bootstrap = at(kafka, "metadata.name") + "-kafka-bootstrap:" + plainPort;
        appDeployments()
                .keySet()
                .forEach(
                        d ->
                                assertThat(env(container(d)))
                                        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap));
        assertThat(at(named("ScaledObject", "skim-compressor"), "spec.triggers"))
                .asList()
                .allSatisfy(
                        t ->
                                assertThat(at(map(t), "metadata.bootstrapServers"))
                                        .isEqualTo(bootstrap));
    }

    @Test
    void shouldRequestAGpuForTheGpuCompressorAndSelectTheGpuDevice() throws Exception {
        Map<String, Object> gpu = named("Deployment", "skim-compressor-gpu");
        Map<String, Object> c = container(gpu);
        assertThat(map(at(c, "resources.limits"))).containsEntry("nvidia.com/gpu", 1);
        assertThat(String.valueOf(c.get("image")))
                .isEqualTo(ImageSpec.of("compressor-gpu").image());
        String device = env(c).get("SKIM_COMPRESSOR_ENCODER_DEVICE");
        // the value is one of the compressor's Device enum constants
        Class<?> deviceType =
                Class.forName(
                        "dev.skim.core.encoder.DjlEncoderConfig$Device",
                        false,
                        AppConfig.of("compressor").classLoader());
        List<String> names = new ArrayList<>();
        for (Object constant : deviceType.getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        assertThat(names).anyMatch(n -> n.equalsIgnoreCase(device));
        assertThat(device).isEqualToIgnoringCase("gpu");
    }

    @Test
    void shouldScaleTheCompressorOnItsConsumerGroupsLagUpToThePartitionCount() {
        Map<String, Object> scaled = named("ScaledObject", "skim-compressor");
        Map<String, Object> target =
                named("Deployment", String.valueOf(at(scaled, "spec.scaleTargetRef.name")));
        assertThat(appDeployments()).containsEntry(target, "compressor");
        assertThat((Integer) at(scaled, "spec.maxReplicaCount")).isBetween(1, partitions());
        Map<String, Object> trigger = map(list(at(scaled, "spec.triggers")).get(0));
        assertThat(trigger.get("type")).isEqualTo("kafka");
        // Kafka Streams' consumer group is its application id
        assertThat(at(trigger, "metadata.consumerGroup"))
                .isEqualTo(
                        Repo.applicationProperties("compressor")
                                .getProperty("quarkus.kafka-streams.application-id"));
        assertThat(at(trigger, "metadata.topic")).isEqualTo(Topics.FRAMES);
    }

    @Test
    void shouldRunNoMoreReplicasThanPartitions() {
        appDeployments()
                .keySet()
                .forEach(
                        d ->
                                assertThat((Integer) at(d, "spec.replicas"))
                                        .isBetween(1, partitions()));
    }

    @Test
    void shouldServeEachAppThroughAServiceOnItsPort() {
        for (String name : List.of("skim-compressor", "skim-bridge")) {
            Map<String, Object> svc = named("Service", name);
            Map<String, Object> deployment = named("Deployment", name);
            assertThat(map(at(svc, "spec.selector")))
                    .isEqualTo(map(at(deployment, "spec.selector.matchLabels")));
            Map<String, Object> port = map(list(at(svc, "spec.ports")).get(0));
            assertThat(port.get("port")).isEqualTo(Repo.httpPort(appDeployments().get(deployment)));
        }
    }
}
