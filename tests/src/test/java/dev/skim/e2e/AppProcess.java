package dev.skim.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packaged Skim application ({@code <module>/target/quarkus-app/quarkus-run.jar}) started as a
 * child JVM, the way the run script starts it, and stopped with SIGTERM. Public for the console's
 * browser tests ({@code dev.skim.console}).
 */
public final class AppProcess implements AutoCloseable {

    private static final java.net.http.HttpClient HTTP =
            java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final java.util.regex.Pattern STATE =
            java.util.regex.Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Path stateDir;
    private final boolean ownsState;

    private AppProcess(
            String name, Process process, int port, Path log, Path stateDir, boolean ownsState) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.stateDir = stateDir;
        this.ownsState = ownsState;
    }

    static Path rootDir() {
        return Path.of(System.getProperty("skim.root.dir", "..")).toAbsolutePath().normalize();
    }

    /** Starts {@code module}'s app with the given -D properties and waits until it is ready. */
    public static AppProcess start(
            String module, String bootstrapServers, Map<String, String> props) throws IOException {
        return ready(launch(module, bootstrapServers, props));
    }

    /** Starts {@code module}'s app with the given heap (-Xmx) and waits until it is ready. */
    static AppProcess start(
            String module, String bootstrapServers, Map<String, String> props, String heap)
            throws IOException {
        return ready(launch(module, bootstrapServers, props, heap));
    }

    /** Waits until the app is ready; stops it if it does not get there (no orphan JVM). */
    private static AppProcess ready(AppProcess app) {
        try {
            app.awaitReady(Duration.ofSeconds(90));
            return app;
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
    }

    /**
     * Starts {@code module}'s app with a 512 MiB heap, without waiting; see {@link #awaitReady}.
     */
    static AppProcess launch(String module, String bootstrapServers, Map<String, String> props)
            throws IOException {
        return launch(module, bootstrapServers, props, "512m");
    }

    /** Starts {@code module}'s app with the given heap (-Xmx), without waiting. */
    static AppProcess launch(
            String module, String bootstrapServers, Map<String, String> props, String heap)
            throws IOException {
        return launch(module, bootstrapServers, props, heap, null);
    }

    /**
     * Starts {@code module}'s app with the given heap (-Xmx), without waiting, on the given CPUs
     * only ({@code taskset -c}, e.g. "0"; null for all).
     */
    static AppProcess launch(
            String module,
            String bootstrapServers,
            Map<String, String> props,
            String heap,
            String cpus)
            throws IOException {
        Path jar = rootDir().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar
                            + " is missing: build the applications first (./mvnw verify builds them"
                            + " before this module)");
        }
        int port = freePort();
        // the app's own state directory unless the caller names one (which it then owns)
        Path stateDir =
                props.containsKey("kafka-streams.state.dir")
                        ? Path.of(props.get("kafka-streams.state.dir"))
                        : Files.createTempDirectory("skim-" + module + "-state");
        boolean ownState = !props.containsKey("kafka-streams.state.dir");
        Path log = Files.createTempFile("skim-" + module + "-", ".log");
        List<String> cmd = new ArrayList<>();
        if (cpus != null) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        // the compression operators' Vector API kernel, as the run scripts and images start them
        cmd.add("--add-modules=jdk.incubator.vector");
        // extra JVM options for every app this test JVM starts, e.g. a flight recording:
        // -Dskim.it.app-jvm-args="-XX:StartFlightRecording=filename=/tmp/app.jfr"
        String extra = System.getProperty("skim.it.app-jvm-args", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.add("-Dkafka.bootstrap.servers=" + bootstrapServers);
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dkafka-streams.state.dir=" + stateDir);
        props.forEach(
                (k, v) -> {
                    if (!k.equals("kafka-streams.state.dir")) {
                        cmd.add("-D" + k + "=" + v);
                    }
                });
        cmd.add("-jar");
        cmd.add(jar.toString());
        Process process =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        return new AppProcess(module, process, port, log, stateDir, ownState);
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hook, no commit, no leave-group. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the JVM to end by itself; its exit code, or empty if it is still running. */
    java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    /** The app's JVM process id. */
    long pid() {
        return process.pid();
    }

    /** The Kafka Streams state directory the app runs on. */
    Path stateDir() {
        return stateDir;
    }

    /** The JVM's threads now ({@code Threads} in /proc), native ones included. */
    long threads() {
        return procStatus("Threads:");
    }

    /** File descriptors the JVM has open now (entries of /proc/PID/fd: files, sockets, pipes). */
    long openFiles() {
        try (var fds = Files.list(Path.of("/proc", process.pid() + "", "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", process.pid() + "", "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + key + " for " + name);
    }

    /** The JVM's resident set size now ({@code VmRSS} in /proc), in bytes. */
    long rssBytes() {
        return procStatus("VmRSS:") * 1024;
    }

    /** CPU time the app's JVM has used so far (all its threads, native ones included). */
    Duration cpu() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for " + name));
    }

    /** CPU clock ticks the app's threads have used so far, by kind ({@link ThreadTicks}). */
    Map<String, Long> threadTicks() {
        return ThreadTicks.of(process.pid());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * GET {@code path} (e.g. "/q/health/live") on the app, answered within 5 s.
     *
     * @throws IOException when the app does not answer
     */
    java.net.http.HttpResponse<String> get(String path) throws IOException {
        try {
            return HTTP.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted: GET " + path + " on " + name);
        }
    }

    /** The Kafka Streams state in the app's liveness check ("RUNNING", ...), or "" if none. */
    String streamsState() throws IOException {
        return streamsState(get("/q/health/live").body());
    }

    /** The Kafka Streams state named in a health answer's data, or "" if none. */
    static String streamsState(String healthBody) {
        java.util.regex.Matcher m = STATE.matcher(healthBody);
        return m.find() ? m.group(1) : "";
    }

    /** Waits until /q/health/ready answers 200. */
    void awaitReady(Duration timeout) {
        HttpReadiness.await(process, name, baseUrl() + "/q/health/ready", timeout, this::tail);
    }

    /**
     * Waits until /q/health/live answers 200: the JVM is up and Kafka Streams is created (it may
     * still be joining its group or restoring state).
     */
    void awaitLive(Duration timeout) {
        HttpReadiness.await(process, name, baseUrl() + "/q/health/live", timeout, this::tail);
    }

    /** Whether the app's log so far has a line containing {@code text}. */
    boolean logContains(String text) {
        try (var lines = Files.lines(log)) {
            return lines.anyMatch(l -> l.contains(text));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the app with SIGTERM (SIGKILL after 20 s) and deletes the state directory it made. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (ownsState && !process.isAlive()) {
            deleteTree(stateDir);
        }
    }

    /** Deletes a directory and everything under it, as far as it can (a test's temp files). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // left for the OS's temp cleaning
        }
    }
}
