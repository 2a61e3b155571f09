package dev.skim.eval;

import dev.skim.core.encoder.EncoderConfig;
import dev.skim.core.encoder.EncoderException;
import dev.skim.core.encoder.EncoderFactory;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.video.cli.Cli;
import dev.skim.video.cli.CliException;
import dev.skim.video.cli.CommonOptions;
import dev.skim.video.cli.ExitCode;
import dev.skim.video.cli.LogSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code skim eval}: compares compression chains on any video at several budgets against two
 * baselines at the same token count, and writes a table, a JSON file and PNG pictures.
 */
@Command(
        name = "skim-eval",
        mixinStandardHelpOptions = true,
        version = "skim-eval 0.1.0",
        sortOptions = false,
        description = {
            "Encodes a video once, runs every --chain at every --budget, and the two",
            "baselines at the same total token count (uniform grid pooling; uniform frame",
            "subsampling). Prints a table; writes eval.json and PNG pictures to --out.",
            "",
            "INPUT is a video file (anything FFmpeg decodes) or synthetic video with planted",
            "events: synthetic:frames=300,fps=10,size=640x360,seed=42,scenes=3,events=4",
            "",
            "A budget B (tokens per frame) enters a chain through the placeholder {B}:",
            "  --chain 'gate > divprune({B})' --budget 4,16,64",
            "runs gate > divprune(4), then 16, then 64. A chain without {B} runs once.",
            "",
            "Needles: whole frames inserted at random times (needle R@1), and pictures",
            "pasted into 1/16 and 1/64 of the video's own frames, on 1 and on 10 frames",
            "(--spatial-needles), scored per patch: s16/s64 R@1 (the kept token closest to",
            "a needle patch's own token is of its frames and mostly on its cells) and",
            "s16/s64 patch cov (mean best cosine of its patches to what its frames kept).",
            "cost %% enc = method ms / encoder ms per frame x 100, in the same run.",
            "--centred subtracts the video's mean token before the metrics' cosines.",
            ""
        })
public final class EvalCommand implements Callable<Integer> {

    /** The exit codes skim-eval returns, for its help. */
    private static final Map<ExitCode, String> EXIT_CODES = exitCodes();

    @Parameters(
            index = "0",
            paramLabel = "INPUT",
            description = "Video file or synthetic:... spec.")
    String input;

    @Option(
            names = {"-e", "--encoder"},
            defaultValue = "mobilenetv2",
            description =
                    "Encoder: mobilenetv2 (offline default), classical, onnx, torchscript,"
                            + " clip-vit-b16, siglip-base16 (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(
            names = "--model",
            paramLabel = "PATH|URL",
            description = "Model file for onnx, torchscript, clip-vit-b16 and siglip-base16.")
    String model;

    @Option(
            names = {"-c", "--chain"},
            paramLabel = "SPEC",
            description =
                    "Chain spec, repeatable; {B} is replaced by each budget"
                            + " (default: "
                            + ChainTemplate.DEFAULT
                            + ").")
    List<String> chains = new ArrayList<>();

    @Option(
            names = {"-b", "--budget"},
            split = ",",
            paramLabel = "B",
            defaultValue = "4,16,64",
            description = "Tokens per frame for {B} (default: ${DEFAULT-VALUE}).")
    List<Integer> budgets;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            defaultValue = "eval-out",
            description = "Folder for eval.json and the PNG pictures (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--max-frames",
            defaultValue = "0",
            description = "Read at most this many video frames (0 = all).")
    int maxFrames;

    @Option(
            names = "--needles",
            defaultValue = "4",
            description =
                    "Generated needle images to insert at random times (default: ${DEFAULT-VALUE}).")
    int needles;

    @Option(
            names = "--spatial-needles",
            paramLabel = "N",
            defaultValue = "2",
            description =
                    "Needle pictures pasted into the video's frames, N of each kind: 1/16 and 1/64"
                            + " of the frame's area, on 1 and on 10 consecutive frames"
                            + " (default: ${DEFAULT-VALUE}).")
    int spatialNeedles;

    @Option(
            names = "--centred",
            description =
                    "Centred cosine: subtract the video's mean token before the cosines of"
                            + " coverage, needle recall and patch coverage (metrics only).")
    boolean centred;

    @Option(
            names = "--needle-image",
            paramLabel = "FILE",
            description =
                    "Your own needle image (repeatable); replaces the generated ones (spatial"
                            + " needles use them in turn).")
    List<Path> needleImages = new ArrayList<>();

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the needle pictures and times (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--ground-truth",
            paramLabel = "FILE",
            description =
                    "Planted events (the synthetic generator's JSON, e.g. skim-ingest"
                            + " --events-out); a synthetic: INPUT brings its own.")
    Path groundTruth;

    @Option(
            names = "--coverage-radius",
            defaultValue = "4",
            description =
                    "Coverage of frame t counts tokens kept of frames t-R..t+R (default: ${DEFAULT-VALUE}).")
    int coverageRadius;

    @Option(
            names = "--event-share",
            defaultValue = "0.5",
            description =
                    "Share of a kept token's provenance inside an event for it to count as seeing"
                            + " the event (default: ${DEFAULT-VALUE}).")
    double eventShare;

    @Option(
            names = "--keep-map-frames",
            defaultValue = "4",
            description = "Frames drawn in each keep-map (default: ${DEFAULT-VALUE}).")
    int keepMapFrames;

    @Option(
            names = "--batch",
            defaultValue = "8",
            description = "Frames per encoder call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--no-pictures", description = "Write the table and the JSON only.")
    boolean noPictures;

    @Mixin CommonOptions common;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private static Map<ExitCode, String> exitCodes() {
        Map<ExitCode, String> codes = new LinkedHashMap<>();
        codes.put(ExitCode.OK, "evaluation written");
        codes.put(ExitCode.FAILED, "unexpected error");
        codes.put(ExitCode.USAGE, "bad arguments: unknown chain operator, bad budget, bad option");
        codes.put(
                ExitCode.SOURCE_NOT_FOUND,
                "the video file or an image file does not exist or cannot be read");
        codes.put(ExitCode.UNSUPPORTED_FORMAT, "the input is not a video FFmpeg can decode");
        return codes;
    }

    /** A command line for this command, with the exit codes in its help. */
    public static CommandLine commandLine() {
        return Cli.commandLine(new EvalCommand(), "skim-eval", EXIT_CODES);
    }

    public static void main(String[] args) {
        LogSetup.configure(args);
        System.exit(commandLine().execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            validateOptions();
            List<ChainTemplate> templates = templates();
            try (FrameEncoder frameEncoder = openEncoder()) {
                Evaluation.validate(templates, budgets, frameEncoder);
                EncodedVideo video;
                VideoInput in = VideoInput.open(input, groundTruth);
                Progress.Factory progress = Progress.Factory.of(common.progress(), System.err);
                try {
                    video =
                            new VideoReader(
                                            new VideoReader.Settings(
                                                    maxFrames,
                                                    needles,
                                                    needleImages,
                                                    spatialNeedles,
                                                    seed,
                                                    batch),
                                            progress)
                                    .read(in, frameEncoder);
                } finally {
                    in.source().close();
                }
                Evaluation evaluation =
                        new Evaluation(
                                templates,
                                budgets,
                                new Metrics(coverageRadius, eventShare, centred),
                                keepMapFrames,
                                progress);
                Evaluation.Outcome outcome = evaluation.run(video, seed);
                ReportTable.print(outcome.report(), stdout);
                List<Path> written = new ReportWriter(out).write(outcome, !noPictures);
                stdout.println();
                for (Path p : written) {
                    stdout.println("wrote " + p);
                }
                stdout.flush();
                return ExitCode.OK.code();
            }
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.FAILED, "cannot write results to " + out + ": " + e.getMessage(), e);
        }
    }

    private void validateOptions() {
        if (budgets == null || budgets.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "give at least one --budget");
        }
        if (maxFrames < 0) {
            throw new CliException(ExitCode.USAGE, "--max-frames must be >= 0, was " + maxFrames);
        }
        if (needles < 0) {
            throw new CliException(ExitCode.USAGE, "--needles must be >= 0, was " + needles);
        }
        if (spatialNeedles < 0) {
            throw new CliException(
                    ExitCode.USAGE, "--spatial-needles must be >= 0, was " + spatialNeedles);
        }
        if (coverageRadius < 0) {
            throw new CliException(
                    ExitCode.USAGE, "--coverage-radius must be >= 0, was " + coverageRadius);
        }
        if (!(eventShare >= 0 && eventShare <= 1)) {
            throw new CliException(
                    ExitCode.USAGE, "--event-share must be in [0, 1], was " + eventShare);
        }
        if (batch < 1) {
            throw new CliException(ExitCode.USAGE, "--batch must be >= 1, was " + batch);
        }
        if (keepMapFrames < 0) {
            throw new CliException(
                    ExitCode.USAGE, "--keep-map-frames must be >= 0, was " + keepMapFrames);
        }
    }

    private List<ChainTemplate> templates() {
        List<String> given = chains.isEmpty() ? List.of(ChainTemplate.DEFAULT) : chains;
        List<ChainTemplate> out = new ArrayList<>();
        for (String c : given) {
            out.add(new ChainTemplate(c));
        }
        return out;
    }

    private FrameEncoder openEncoder() {
        try {
            EncoderConfig config =
                    (model == null ? EncoderConfig.of(encoder) : EncoderConfig.of(encoder, model))
                            .withBatching(batch, Duration.ZERO);
            return EncoderFactory.create(config);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "bad --encoder: " + e.getMessage(), e);
        } catch (EncoderException e) {
            throw new CliException(
                    ExitCode.FAILED,
                    "encoder " + encoder + " failed to start: " + e.getMessage(),
                    e);
        }
    }
}
