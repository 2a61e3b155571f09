package dev.skim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner ({@code ./skim run}, deploy/local/run.sh) on a tiny synthetic video with {@code
 * --exit}: it publishes, reports, stops ingest, the apps and the broker, returns 0, and leaves no
 * process running: none of the processes it started is alive afterwards, and no process names its
 * data directory or its broker port. Uses what is already built ({@code --no-build}): the apps'
 * quarkus-app, ingest's jar and deploy/local's broker libs.
 */
class LocalRunnerIT {
    private static final String SOURCE = "synthetic:frames=20,fps=10,size=160x90,seed=1";

    @TempDir Path data;

    @Test
    void shouldReturnZeroAndLeaveNoProcessAfterAnExitRun() throws Exception {
        Path log = Files.createTempFile("skim-run-", ".log");
        String kafkaPort = freePort();
        ProcessBuilder pb =
                new ProcessBuilder(
                                AppProcess.rootDir().resolve("skim").toString(),
                                "run",
                                SOURCE,
                                "--no-build",
                                "--exit")
                        .directory(AppProcess.rootDir().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SKIM_DATA", data.toString());
        env.put("KAFKA_PORT", kafkaPort);
        env.put("CONTROLLER_PORT", freePort());
        env.put("BRIDGE_PORT", freePort());
        env.put("COMPRESSOR_PORT", freePort());
        env.put("PARTITIONS", "2");
        Process runner = pb.start();

        // 1. every process the runner starts, seen while it runs (they are orphans once it ends)
        Map<Long, ProcessHandle> started = new ConcurrentHashMap<>();
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!runner.waitFor(250, TimeUnit.MILLISECONDS)) {
            runner.descendants().forEach(p -> started.put(p.pid(), p));
            if (System.nanoTime() > giveUp) {
                runner.descendants().forEach(ProcessHandle::destroyForcibly);
                runner.destroyForcibly();
                throw new AssertionError("runner still running after 10 minutes:\n" + tail(log));
            }
        }
        String out = Files.readString(log);
        System.out.printf(
                "runner exited with %d; it started %d processes (shell helpers included)%n",
                runner.exitValue(), started.size());

        // 2. it returned 0 with its summary, and nothing it started is left
        assertThat(runner.exitValue()).as(tail(log)).isZero();
        assertThat(out).contains("== Skim is running ==").contains("Stopped.");
        assertThat(
                        started.values().stream()
                                .filter(ProcessHandle::isAlive)
                                .map(LocalRunnerIT::describe))
                .as("processes the runner started that are still alive")
                .isEmpty();
        List<String> naming = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .forEach(
                        p -> {
                            String cmd = p.info().commandLine().orElse("");
                            if (cmd.contains(data.toString())
                                    || cmd.contains("127.0.0.1:" + kafkaPort)) {
                                naming.add(describe(p));
                            }
                        });
        assertThat(naming).as("processes naming the run's data dir or broker").isEmpty();
    }

    private static String describe(ProcessHandle p) {
        return p.pid() + " " + p.info().commandLine().orElse("?");
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static String freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        }
    }
}
