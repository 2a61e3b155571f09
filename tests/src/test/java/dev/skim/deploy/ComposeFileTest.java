package dev.skim.deploy;

import static dev.skim.deploy.Repo.at;
import static dev.skim.deploy.Repo.list;
import static dev.skim.deploy.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.ingest.cli.IngestCommand;
import dev.skim.schemas.Topics;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** docker-compose.yml against the project: images, topics, ports, config keys, CLI options. */
class ComposeFileTest {

    static final String FILE = "docker-compose.yml";

    private static Map<String, Object> services;

    @BeforeAll
    static void parse() {
        services();
    }

    /** The services of docker-compose.yml, parsed once. */
    static synchronized Map<String, Object> services() {
        if (services == null) {
            services = map(Repo.yaml(FILE).get("services"));
        }
        return services;
    }

    /** The Quarkus module each Skim service runs, by the image it uses. */
    static Map<String, String> skimAppServices() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : services().keySet()) {
            String image = String.valueOf(map(services().get(name)).get("image"));
            for (ImageSpec spec : ImageSpec.all()) {
                if (spec.image().equals(image) && !spec.execution().equals("ingest")) {
                    out.put(name, spec.execution().replace("-gpu", ""));
                }
            }
        }
        return out;
    }

    static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(map(services().get(service)).get("environment"))
                .forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    static List<String> command(String service) {
        List<String> out = new ArrayList<>();
        list(map(services().get(service)).get("command")).forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    /** Partitions per topic as the init container creates them. */
    static Map<String, Integer> createdTopics() {
        String script = String.join("\n", command("kafka-init"));
        Matcher loop = Pattern.compile("for topic in ([^;]+);").matcher(script);
        Matcher partitions = Pattern.compile("--partitions (\\d+)").matcher(script);
        assertThat(loop.find()).as("kafka-init loops over the topics").isTrue();
        assertThat(partitions.find()).as("kafka-init sets --partitions").isTrue();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String t : loop.group(1).trim().split("\\s+")) {
            out.put(t, Integer.parseInt(partitions.group(1)));
        }
        assertThat(partitions.find()).as("one --partitions for all topics").isFalse();
        return out;
    }

    static int partitions() {
        return new LinkedHashSet<>(createdTopics().values()).iterator().next();
    }

    @Test
    void shouldRunTheWholeStack() {
        assertThat(services)
                .containsKeys(
                        "kafka",
                        "kafka-init",
                        "compressor",
                        "bridge",
                        "ingest",
                        "prometheus",
                        "grafana");
        assertThat(skimAppServices()).containsEntry("compressor", "compressor");
        assertThat(skimAppServices()).containsEntry("bridge", "llm-bridge");
        assertThat(list(map(services.get("ollama")).get("profiles"))).containsExactly("llm");
        assertThat(list(map(services.get("bridge-llm")).get("profiles"))).containsExactly("llm");
    }

    @Test
    void shouldUseOnlyImagesTheImagesModuleBuildsAndPinnedThirdPartyImages() {
        Set<String> built = new LinkedHashSet<>();
        ImageSpec.all().forEach(s -> built.add(s.image()));
        for (String name : services.keySet()) {
            String image = String.valueOf(map(services.get(name)).get("image"));
            if (image.startsWith("skim/")) {
                assertThat(built).as("image of service %s", name).contains(image);
            } else {
                assertThat(image)
                        .as("third-party image of %s is pinned to a version", name)
                        .matches("[a-z0-9./-]+:[0-9v][A-Za-z0-9._-]*");
            }
        }
        // the broker is the Kafka version the project builds and tests with
        assertThat(at(map(services.get("kafka")), "image"))
                .isEqualTo("apache/kafka:" + Repo.rootPomProperty("kafka.version"));
    }

    @Test
    void shouldCreateExactlySkimsTopicsWithOnePartitionCount() {
        Map<String, Integer> topics = createdTopics();
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.defaults().names());
        // co-partitioned: a stream's frames, tokens and keyframes share a partition number
        assertThat(new LinkedHashSet<>(topics.values())).hasSize(1);
        assertThat(Repo.documentedPartitions("README.md"))
                .as("partition count in README.md's topic commands")
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p).isEqualTo(partitions()));
        assertThat(Repo.documentedPartitions("deploy/README.md"))
                .allSatisfy(p -> assertThat(p).isEqualTo(partitions()));
    }

    @Test
    void shouldCreateEveryTopicTheAppsWaitFor() {
        for (String module : List.of("compressor", "llm-bridge")) {
            String waited =
                    Repo.applicationProperties(module).getProperty("quarkus.kafka-streams.topics");
            assertThat(createdTopics().keySet())
                    .as("%s waits for quarkus.kafka-streams.topics=%s", module, waited)
                    .containsAll(List.of(waited.split(",")));
        }
    }

    @Test
    void shouldRunNoMoreCompressorsThanPartitions() {
        Object replicas = at(map(services.get("compressor")), "deploy.replicas");
        assertThat(replicas).isInstanceOf(Integer.class);
        assertThat((Integer) replicas).isBetween(1, partitions());
    }

    @Test
    void shouldSetOnlyConfigKeysTheAppsKnow() {
        skimAppServices()
                .forEach(
                        (service, module) -> {
                            AppConfig config = AppConfig.of(module);
                            environment(service)
                                    .forEach(
                                            (env, value) -> {
                                                if (env.equals("JAVA_TOOL_OPTIONS")) {
                                                    assertSystemPropertiesKnown(
                                                            config, service, value);
                                                } else {
                                                    assertThat(config.keysOfEnv(env))
                                                            .as(
                                                                    "%s: %s sets no key of %s"
                                                                            + " (application.properties"
                                                                            + " or @ConfigMapping)",
                                                                    service, env, module)
                                                            .isNotEmpty();
                                                }
                                            });
                        });
    }

    static void assertSystemPropertiesKnown(AppConfig config, String where, String javaOptions) {
        Matcher m = Pattern.compile("-D([^=\\s]+)=").matcher(javaOptions);
        while (m.find()) {
            if (m.group(1).startsWith("org.bytedeco.") || m.group(1).startsWith("ai.djl.")) {
                continue;
            }
            assertThat(config.knowsSystemProperty(m.group(1)))
                    .as("%s: -D%s is a key of %s", where, m.group(1), config)
                    .isTrue();
        }
    }

    @Test
    void shouldPointTheAppsAtTheBrokersAdvertisedListener() {
        String advertised =
                environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").replaceAll("[A-Z]+://", "");
        for (String service : skimAppServices().keySet()) {
            assertThat(List.of(advertised.split(",")))
                    .contains(environment(service).get("KAFKA_BOOTSTRAP_SERVERS"));
        }
        assertThat(List.of(advertised.split(",")))
                .contains(environment("ingest").get("SKIM_BOOTSTRAP_SERVERS"));
    }

    @Test
    void shouldPublishWithOptionsAndEnvironmentTheIngestCliHas() throws Exception {
        // the command parses with the real CLI
        CommandLine.ParseResult parsed =
                IngestCommand.commandLine().parseArgs(command("ingest").toArray(String[]::new));
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.matchedPositionals()).isNotEmpty();
        // every environment variable is one the CLI reads (${env:NAME...} in an option default)
        Set<String> read = new LinkedHashSet<>();
        for (Field f : IngestCommand.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null) {
                Matcher m = Pattern.compile("\\$\\{env:([A-Z0-9_]+)").matcher(o.defaultValue());
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        assertThat(read).containsAll(environment("ingest").keySet());
    }

    @Test
    void shouldExposeThePortsTheAppsListenOn() {
        assertThat(list(map(services.get("compressor")).get("expose")))
                .containsExactly(String.valueOf(Repo.httpPort("compressor")));
        for (String bridge : List.of("bridge", "bridge-llm")) {
            List<Object> ports = list(map(services.get(bridge)).get("ports"));
            assertThat(ports).hasSize(1);
            assertThat(String.valueOf(ports.get(0))).endsWith(":" + Repo.httpPort("llm-bridge"));
        }
    }

    @Test
    void shouldMountMonitoringFilesThatExist() {
        for (String service : List.of("prometheus", "grafana")) {
            for (Object volume : list(map(services.get(service)).get("volumes"))) {
                String host = String.valueOf(volume).split(":")[0];
                assertThat(Files.exists(Repo.path(host)))
                        .as("%s mounts %s", service, host)
                        .isTrue();
            }
        }
    }
}
