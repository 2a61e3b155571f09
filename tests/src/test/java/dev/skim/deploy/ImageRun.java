package dev.skim.deploy;

import dev.skim.e2e.HttpReadiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image's entrypoint run as a local process, with the image's environment plus the
 * environment of a Compose service or a Kubernetes container: /deployments is the build output the
 * image packs, other absolute paths live under a temporary root, and {@code java} is this JVM's.
 * Stopped with SIGTERM.
 */
final class ImageRun implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Path root;

    private ImageRun(String name, Process process, Path log, Path root) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.root = root;
    }

    /**
     * Starts the image's entrypoint with {@code args} appended. {@code env} overrides the image's
     * environment, as a Compose file or a pod spec does.
     */
    static ImageRun start(ImageSpec image, Map<String, String> env, List<String> args)
            throws IOException {
        if (!Files.isDirectory(image.deployments())) {
            throw new IllegalStateException(
                    image.deployments()
                            + " is missing: build the applications first (./mvnw install"
                            + " -DskipTests)");
        }
        Path root = Files.createTempDirectory("skim-image-" + image.shortName());
        Path log = Files.createTempFile("skim-image-" + image.shortName() + "-", ".log");
        List<String> cmd = new ArrayList<>();
        for (String part : image.entrypoint()) {
            cmd.add(part.equals("java") ? javaBin() : local(part, image, root));
        }
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(image.deployments().toFile());
        Map<String, String> environment = pb.environment();
        environment
                .keySet()
                .removeIf(
                        k ->
                                k.startsWith("SKIM_")
                                        || k.startsWith("KAFKA_")
                                        || k.startsWith("QUARKUS_")
                                        || k.startsWith("JAVA_TOOL_OPTIONS")
                                        || k.startsWith("DJL_"));
        Map<String, String> merged = new LinkedHashMap<>(image.env());
        merged.putAll(env);
        merged.forEach((k, v) -> environment.put(k, local(v, image, root)));
        Process process = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ImageRun(image.shortName(), process, log, root);
    }

    /** Where an absolute path of the image is in this run. */
    Path path(String imagePath) {
        return root.resolve(imagePath.substring(1));
    }

    private static String local(String value, ImageSpec image, Path root) {
        Matcher m = Pattern.compile("(?<![\\w.:/])(/[A-Za-z0-9._/-]+)").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String p = m.group(1);
            String local =
                    p.startsWith("/deployments")
                            ? image.deployments()
                                    .resolve(
                                            p.substring("/deployments".length())
                                                    .replaceFirst("^/", ""))
                                    .toString()
                            : root.resolve(p.substring(1)).toString();
            m.appendReplacement(out, Matcher.quoteReplacement(local));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code url} until it answers 200; fails early if the process exits. */
    void awaitReady(String url, Duration timeout) {
        HttpReadiness.await(process, name, url, timeout, this::tail);
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        name + " still running after " + timeout + "; log:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
