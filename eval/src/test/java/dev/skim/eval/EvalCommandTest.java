package dev.skim.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skim.video.cli.ExitCode;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole command on a short synthetic video with the classical encoder. */
class EvalCommandTest {
    static final String VIDEO = "synthetic:frames=48,fps=10,size=192x108,seed=7,scenes=2,events=3";
    static final String DEFAULT_CHAIN = ChainTemplate.DEFAULT;

    @TempDir static Path dir;
    static Run first;
    static JsonNode report;

    record Run(int code, String out, String err, Path dir) {}

    static Run run(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--out");
        all.add(out.toString());
        CommandLine cli = EvalCommand.commandLine();
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(stderr));
        int code = cli.execute(all.toArray(new String[0]));
        return new Run(code, stdout.toString(), stderr.toString(), out);
    }

    static Run evaluate(Path out, long seed, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                VIDEO,
                                "--encoder",
                                "classical",
                                "--chain",
                                DEFAULT_CHAIN,
                                "--chain",
                                "pool(1)",
                                "--chain",
                                "frame()",
                                "--budget",
                                "4,16",
                                "--needles",
                                "2",
                                "--seed",
                                Long.toString(seed),
                                "--keep-map-frames",
                                "3",
                                "--spatial-needles",
                                "1"));
        args.addAll(List.of(more));
        return run(out, args.toArray(new String[0]));
    }

    @BeforeAll
    static void runOnce() throws IOException {
        first = evaluate(dir.resolve("first"), 42);
        assertThat(first.code()).as(first.err()).isZero();
        report = new ObjectMapper().readTree(dir.resolve("first/eval.json").toFile());
    }

    @Test
    void shouldWriteJsonWithEveryMetricForEveryChainBudgetAndBaseline() {
        assertThat(report.get("input").asText()).startsWith("synthetic:frames=48");
        assertThat(report.get("encoder").asText()).startsWith("classical");
        assertThat(report.get("frames").asInt()).isEqualTo(48 + 2);
        assertThat(report.get("needles")).hasSize(2);
        // the default chain at 2 budgets, pool(1) and frame() once each
        assertThat(report.get("comparisons")).hasSize(4);
        for (JsonNode c : report.get("comparisons")) {
            for (String method : List.of("result", "gridPooling", "frameSubsampling")) {
                JsonNode r = c.get(method);
                assertThat(r).as(method).isNotNull();
                for (String field :
                        List.of(
                                "tokensPerFrame",
                                "totalTokens",
                                "compressionRatio",
                                "bytesPerFrameFp16",
                                "bytesPerFrameInt8",
                                "coverage",
                                "reconstructionError",
                                "needleRecallAt1",
                                "needleTimeErrorSeconds",
                                "spatial",
                                "spatialNeedles",
                                "eventRecall",
                                "encodeMsPerFrame",
                                "methodMsPerFrame",
                                "costPercentOfEncoder",
                                "timeline")) {
                    assertThat(r.has(field)).as(method + "." + field).isTrue();
                }
                assertThat(r.get("coverage").asDouble()).isBetween(-1.0, 1.0 + 1e-6);
                assertThat(r.get("needles")).hasSize(2);
                assertThat(r.get("timeline").get("tokens")).hasSize(50);
            }
        }
        JsonNode b4 = report.get("comparisons").get(0);
        assertThat(b4.get("budget").asInt()).isEqualTo(4);
        assertThat(b4.get("result").get("method").get("spec").asText())
                .contains("novelty(budget=4");
        assertThat(report.get("comparisons").get(1).get("budget").asInt()).isEqualTo(16);
        assertThat(report.get("comparisons").get(2).get("budget").isNull()).isTrue();
        // the first frame is a keyframe of novelty: a slow-tier frame; baselines have none
        JsonNode timeline = b4.get("result").get("timeline");
        assertThat(timeline.get("slow").get(0).asInt()).isZero();
        assertThat(b4.get("result").get("slowFrames").asInt()).isPositive();
        assertThat(timeline.get("novelty").get(0).asDouble()).isEqualTo(1.0);
        assertThat(b4.get("gridPooling").get("slowFrames").asInt()).isZero();
    }

    @Test
    void shouldScoreSpatialNeedlesAtPatchLevel() {
        // one of each kind: 1/16 and 1/64 of the frame, on 1 and on 10 frames
        JsonNode placed = report.get("spatialNeedles");
        assertThat(placed).hasSize(4);
        for (JsonNode n : placed) {
            assertThat(n.get("frames")).hasSize(n.get("length").asInt());
            assertThat(n.get("cells").size()).isPositive();
            for (JsonNode f : n.get("frames")) {
                assertThat(report.get("needles").findValuesAsText("frame"))
                        .doesNotContain(f.asText());
            }
        }
        // every patch kept as its own token: every needle patch is found and covered
        JsonNode everything = report.get("comparisons").get(2).get("result");
        assertThat(everything.get("spatialNeedles")).hasSize(4);
        for (JsonNode s : everything.get("spatial")) {
            assertThat(s.get("recallAt1").asDouble()).isEqualTo(1.0);
            assertThat(s.get("patchCoverage").asDouble()).isCloseTo(1.0, within(1e-5));
        }
        // one token per frame is never mostly on a needle
        JsonNode onePerFrame = report.get("comparisons").get(3).get("result");
        for (JsonNode s : onePerFrame.get("spatial")) {
            assertThat(s.get("recallAt1").asDouble()).isZero();
            assertThat(s.get("patchCoverage").asDouble()).isLessThan(0.999);
        }
        assertThat(first.out()).contains("s16/s64 R@1").contains("1.00/1.00").contains("0.00/0.00");
    }

    @Test
    void shouldGiveTheCostAsAShareOfTheEncoderTime() {
        assertThat(first.out()).contains("cost % enc");
        for (JsonNode c : report.get("comparisons")) {
            for (String method : List.of("result", "gridPooling", "frameSubsampling")) {
                JsonNode r = c.get(method);
                assertThat(r.get("costPercentOfEncoder").asDouble())
                        .isCloseTo(
                                100
                                        * r.get("methodMsPerFrame").asDouble()
                                        / r.get("encodeMsPerFrame").asDouble(),
                                within(1e-9));
            }
        }
    }

    @Test
    void shouldCentreTheCosinesOnlyWhenAskedAndSayItInTheHeader() throws IOException {
        Run centred = evaluate(dir.resolve("centred"), 42, "--no-pictures", "--centred");
        assertThat(centred.code()).as(centred.err()).isZero();
        assertThat(centred.out()).contains("cosine: CENTRED");
        assertThat(first.out()).doesNotContain("CENTRED");
        JsonNode c = new ObjectMapper().readTree(dir.resolve("centred/eval.json").toFile());
        assertThat(c.get("settings").get("centred").asBoolean()).isTrue();
        assertThat(report.get("settings").get("centred").asBoolean()).isFalse();
        JsonNode plainOne = report.get("comparisons").get(3).get("result");
        JsonNode centredOne = c.get("comparisons").get(3).get("result");
        // the operators are the same: the same tokens kept, the same reconstruction
        assertThat(centredOne.get("timeline").get("tokens"))
                .isEqualTo(plainOne.get("timeline").get("tokens"));
        assertThat(centredOne.get("reconstructionError").asDouble())
                .isEqualTo(plainOne.get("reconstructionError").asDouble());
        // keeping everything still covers everything; one mean token per frame covers less
        assertThat(c.get("comparisons").get(2).get("result").get("coverage").asDouble())
                .isCloseTo(1.0, within(1e-5));
        assertThat(centredOne.get("coverage").asDouble())
                .isLessThan(plainOne.get("coverage").asDouble() - 0.05);
    }

    @Test
    void shouldPrintTableAndWritePictures() {
        assertThat(first.out()).contains("| budget | method").contains("baseline: grid pooling");
        assertThat(first.out()).contains("baseline: frame subsampling");
        for (String png :
                List.of(
                        "coverage.png",
                        "timeline-1.png",
                        "timeline-2.png",
                        "keepmap-1-b4.png",
                        "keepmap-1-b16.png",
                        "keepmap-2.png")) {
            assertThat(dir.resolve("first").resolve(png)).isNotEmptyFile();
        }
    }

    @Test
    void shouldComputeEventRecallAgainstTheGroundTruth() {
        int planted =
                SyntheticVideoSource.of(SyntheticSpec.parse(VIDEO)).groundTruth().events().size();
        assertThat(report.get("events").asInt()).isEqualTo(planted);
        assertThat(report.get("groundTruth").asBoolean()).isTrue();
        JsonNode everything = report.get("comparisons").get(2).get("result");
        assertThat(everything.get("method").get("spec").asText()).isEqualTo("pool(g=1)");
        // every patch kept as its own token: every event is seen
        assertThat(everything.get("eventRecall").asDouble()).isEqualTo(1.0);
        assertThat(everything.get("eventsFound").asInt()).isEqualTo(planted);
        // one whole-frame token per frame is never mostly about a small object
        JsonNode onePerFrame = report.get("comparisons").get(3).get("result");
        assertThat(onePerFrame.get("tokensPerFrame").asDouble()).isEqualTo(1.0);
        assertThat(onePerFrame.get("eventRecall").asDouble()).isEqualTo(0.0);
    }

    @Test
    void shouldRunBothBaselinesAtTheChainsTotalTokenCount() {
        for (JsonNode c : report.get("comparisons")) {
            long total = c.get("result").get("totalTokens").asLong();
            assertThat(c.get("gridPooling").get("totalTokens").asLong()).isEqualTo(total);
            assertThat(c.get("frameSubsampling").get("totalTokens").asLong()).isEqualTo(total);
            long perFrame = 0;
            for (JsonNode n : c.get("gridPooling").get("timeline").get("tokens")) {
                perFrame = Math.max(perFrame, n.asLong());
            }
            assertThat(perFrame)
                    .as("grid pooling spreads tokens evenly")
                    .isLessThanOrEqualTo((long) Math.ceil(total / 50.0));
        }
    }

    @Test
    void shouldGiveTheSameNumbersForTheSameSeed() throws IOException {
        Run again = evaluate(dir.resolve("again"), 42, "--no-pictures");
        Run other = evaluate(dir.resolve("other"), 43, "--no-pictures");
        assertThat(again.code()).isZero();
        JsonNode a = withoutTimings(report.deepCopy());
        JsonNode b =
                withoutTimings(
                        new ObjectMapper().readTree(dir.resolve("again/eval.json").toFile()));
        JsonNode c =
                withoutTimings(
                        new ObjectMapper().readTree(dir.resolve("other/eval.json").toFile()));
        assertThat(b).isEqualTo(a);
        assertThat(c.get("needles")).isNotEqualTo(a.get("needles"));
    }

    /** Timings differ between runs; everything else must not. */
    private static JsonNode withoutTimings(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            o.remove(
                    List.of(
                            "encodeMsPerFrame",
                            "methodMsPerFrame",
                            "costPercentOfEncoder",
                            "methodMsMax",
                            "methodMs"));
            Iterator<JsonNode> it = o.elements();
            while (it.hasNext()) {
                withoutTimings(it.next());
            }
        } else if (node.isArray()) {
            node.forEach(EvalCommandTest::withoutTimings);
        }
        return node;
    }

    @Test
    void shouldExplainTheSpatialNeedlesCentredCosineAndCostInTheHelp() {
        Run help = run(dir.resolve("help"), "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out())
                .contains("--spatial-needles=N")
                .contains("--centred")
                .contains("s16/s64 R@1")
                .contains("s16/s64 patch cov")
                .contains("cost % enc = method ms / encoder ms per frame x 100");
        assertThat(help.err()).doesNotContain("Could not format");
        Run bad = run(dir.resolve("bad"), VIDEO, "-e", "classical", "--spatial-needles", "-1");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(bad.err()).contains("--spatial-needles must be >= 0");
    }

    @Test
    void shouldRejectMissingFile() {
        Run r = run(dir.resolve("missing"), "no/such/video.mp4", "-e", "classical");
        assertThat(r.code()).isEqualTo(ExitCode.SOURCE_NOT_FOUND.code());
        assertThat(r.err()).contains("not found").contains("no/such/video.mp4");
    }

    @Test
    void shouldRejectUnreadableFile() throws IOException {
        Path notVideo = dir.resolve("not-a-video.avi");
        Files.writeString(notVideo, "this is text, not a video");
        Run r = run(dir.resolve("unreadable"), notVideo.toString(), "-e", "classical");
        assertThat(r.code()).isEqualTo(ExitCode.UNSUPPORTED_FORMAT.code());
        assertThat(r.err()).contains("not-a-video.avi");
    }

    @Test
    void shouldRejectUnknownOperatorBeforeReadingTheVideo() {
        Run r =
                run(
                        dir.resolve("unknown-op"),
                        "no/such/video.mp4",
                        "-e",
                        "classical",
                        "--chain",
                        "gate(0.02) > shrink({B})");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("unknown operator 'shrink'").contains("divprune");
    }

    @Test
    void shouldRejectBudgetLargerThanTheTokenCount() {
        Run r = run(dir.resolve("budget"), VIDEO, "-e", "classical", "--budget", "16,500");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("budget 500 is larger than the 196 tokens per frame");
    }

    @Test
    void shouldRejectBadBudgetAndUnknownEncoder() {
        Run zero = run(dir.resolve("zero"), VIDEO, "-e", "classical", "--budget", "0");
        assertThat(zero.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(zero.err()).contains("budget must be at least 1");
        Run encoder = run(dir.resolve("enc"), VIDEO, "-e", "resnet");
        assertThat(encoder.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(encoder.err()).contains("unknown encoder 'resnet'");
        Run text = run(dir.resolve("text"), VIDEO, "-e", "classical", "--budget", "four");
        assertThat(text.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(text.err()).contains("four");
    }

    @Test
    void shouldRejectMissingNeedleImage() {
        Run r =
                run(
                        dir.resolve("needle"),
                        VIDEO,
                        "-e",
                        "classical",
                        "--needle-image",
                        "no/such/needle.png");
        assertThat(r.code()).isEqualTo(ExitCode.SOURCE_NOT_FOUND.code());
        assertThat(r.err()).contains("no/such/needle.png");
    }
}
