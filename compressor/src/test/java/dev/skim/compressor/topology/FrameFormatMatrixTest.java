package dev.skim.compressor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link FrameFormatMatrix} in two child JVMs (one per core), so that a frame that aborts the
 * process (as 720-wide JPEGs did, through swscale writing past its buffer) fails this test with the
 * case that killed it instead of killing the test run.
 */
class FrameFormatMatrixTest {

    private static final int SHARDS = 2;

    @Test
    void shouldEndEveryFrameFormatInTokensOrADeadLetterWithoutEndingTheProcess(@TempDir Path dir)
            throws Exception {
        List<Process> children = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            Path out = dir.resolve("matrix-" + shard + ".txt");
            outs.add(out);
            children.add(
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Xmx2g",
                                    "-Dskim.matrix.full=" + Boolean.getBoolean("skim.matrix.full"),
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    FrameFormatMatrix.class.getName(),
                                    Integer.toString(shard),
                                    Integer.toString(SHARDS),
                                    out.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("matrix-" + shard + ".log").toFile())
                            .start());
        }
        int cases = 0;
        int mismatches = 0;
        Map<String, Integer> byOutcome = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            Process child = children.get(shard);
            boolean ended = child.waitFor(20, TimeUnit.MINUTES);
            if (!ended) {
                child.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(outs.get(shard), StandardCharsets.UTF_8);
            assertThat(ended && child.exitValue() == 0)
                    .as(
                            "shard %d ended with %s during %s; its log ends:%n%s",
                            shard,
                            ended ? "exit code " + child.exitValue() : "a time-out",
                            lastStarted(lines),
                            tail(dir.resolve("matrix-" + shard + ".log")))
                    .isTrue();
            assertThat(lines).last().isEqualTo("END");
            for (String line : lines) {
                if (!line.startsWith("RESULT ")) {
                    continue;
                }
                cases++;
                String[] f = line.split(" ", 5);
                String expected = f[3];
                String outcome = f[4];
                String kind = outcome.startsWith("DEAD_LETTER") ? "DEAD_LETTER" : outcome;
                byOutcome.merge(kind, 1, Integer::sum);
                boolean one = !outcome.contains(" | ");
                boolean asExpected =
                        expected.equals("TOKENS")
                                ? outcome.startsWith("TOKENS")
                                : outcome.matches("DEAD_LETTER \\w+: .{10,}");
                if (!one || !asExpected) {
                    mismatches++;
                    if (wrong.size() < 40) {
                        wrong.add(f[2] + " expected " + expected + " got " + outcome);
                    }
                }
            }
        }
        System.out.printf("frame-format matrix: %d cases, %s%n", cases, byOutcome);
        assertThat(cases).isEqualTo(FrameFormatMatrix.cases().size());
        assertThat(wrong).as("%d cases did not end as expected", mismatches).isEmpty();
    }

    private static String lastStarted(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("START ")) {
                return "case " + lines.get(i).substring(6);
            }
        }
        return "start-up";
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
