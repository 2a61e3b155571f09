package dev.skim.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node KRaft broker started as a child JVM the way the local runner starts it
 * (deploy/local/run.sh: {@code server.properties.template} filled in, the storage formatted once,
 * {@code kafka.Kafka} on the jars in {@code deploy/local/target/broker-libs}). Unlike the test
 * kit's in-process broker, it can be stopped (SIGTERM) and started again on the same ports and the
 * same data, as a real broker restarts.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path libs;
    private final Path dataDir;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private BrokerProcess(Path libs, Path dataDir, int port, int controllerPort)
            throws IOException {
        this.libs = libs;
        this.dataDir = dataDir;
        this.port = port;
        this.config = dataDir.resolve("server.properties");
        this.log = dataDir.resolve("kafka.log");
        String template =
                Files.readString(
                        AppProcess.rootDir().resolve("deploy/local/server.properties.template"));
        Files.writeString(
                config,
                template.replace("@KAFKA_PORT@", Integer.toString(port))
                        .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
                        .replace("@DATA_DIR@", dataDir.toString()));
    }

    /**
     * Formats a fresh data directory, starts the broker on two free ports and waits until it
     * answers.
     *
     * @throws IllegalStateException when deploy/local's broker jars are not built
     */
    static BrokerProcess startFresh() throws IOException, InterruptedException {
        Path libs = AppProcess.rootDir().resolve("deploy/local/target/broker-libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException(
                    libs
                            + " is missing: build deploy/local first (./mvnw verify of the root"
                            + " builds it before this module; alone: ./mvnw -pl deploy/local"
                            + " package)");
        }
        BrokerProcess broker =
                new BrokerProcess(
                        libs, Files.createTempDirectory("skim-broker-"), freePort(), freePort());
        broker.format();
        broker.start();
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** Creates the topics (replication 1) that do not exist yet. */
    void createTopics(int partitions, List<String> names)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(clientProperties())) {
            var result =
                    admin.createTopics(
                            names.stream()
                                    .map(n -> new NewTopic(n, partitions, (short) 1))
                                    .toList());
            for (String name : names) {
                try {
                    result.values().get(name).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Starts the broker on its ports and data (again, after {@link #stop()}); waits until up. */
    void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is already running on " + port);
        }
        List<String> cmd = java();
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        cmd.add("kafka.Kafka");
        cmd.add(config.toString());
        process =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        awaitUp(Duration.ofSeconds(60));
    }

    /** SIGTERM (a controlled shutdown), then waits for the JVM to end. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
            throw new IllegalStateException(
                    "the broker did not stop within " + STOP_TIMEOUT + " of SIGTERM:\n" + tail());
        }
        process = null;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private void format() throws IOException, InterruptedException {
        List<String> cmd = java();
        cmd.addAll(
                List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "--standalone",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString()));
        Path formatLog = dataDir.resolve("format.log");
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(formatLog.toFile())
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "formatting the broker storage failed:\n" + Files.readString(formatLog));
        }
    }

    private List<String> java() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(
                List.of(
                        "-Xms256m",
                        "-Xmx512m",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp",
                        libs + "/*"));
        return cmd;
    }

    private void awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the broker exited with " + process.exitValue() + ":\n" + tail());
            }
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                admin.listTopics().names().get(3, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "the broker did not answer on "
                        + port
                        + " within "
                        + timeout
                        + ": "
                        + last
                        + "\n"
                        + tail());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            stop();
        }
    }
}
