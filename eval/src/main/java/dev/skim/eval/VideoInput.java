package dev.skim.eval;

import dev.skim.ingest.FrameSource;
import dev.skim.ingest.IngestException;
import dev.skim.ingest.source.VideoFileSource;
import dev.skim.ingest.synthetic.GroundTruth;
import dev.skim.ingest.synthetic.SyntheticSpec;
import dev.skim.ingest.synthetic.SyntheticVideoSource;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the input of {@code skim eval}: a video file or a synthetic spec ({@code synthetic:...}),
 * with the ground truth of planted events when there is one.
 *
 * @param source the opened frames; the caller closes it
 * @param groundTruth the synthetic generator's ground truth, or empty
 */
record VideoInput(FrameSource source, Optional<GroundTruth> groundTruth) {

    /**
     * @param input a video file path or {@code synthetic:key=value,...}
     * @param groundTruthFile ground truth JSON written by the synthetic generator, or null (a
     *     synthetic input brings its own)
     * @throws EvalException SOURCE_NOT_FOUND, UNSUPPORTED_FORMAT or USAGE naming the problem
     */
    static VideoInput open(String input, Path groundTruthFile) {
        Optional<GroundTruth> truth =
                groundTruthFile == null ? Optional.empty() : Optional.of(read(groundTruthFile));
        try {
            if (input.startsWith("synthetic:")) {
                SyntheticVideoSource s = SyntheticVideoSource.of(SyntheticSpec.parse(input));
                return new VideoInput(s, truth.isPresent() ? truth : Optional.of(s.groundTruth()));
            }
            return new VideoInput(VideoFileSource.open(Path.of(input)), truth);
        } catch (IngestException e) {
            throw new EvalException(exitCode(e.reason()), e.getMessage(), e);
        }
    }

    static ExitCode exitCode(IngestException.Reason reason) {
        return switch (reason) {
            case SOURCE_NOT_FOUND -> ExitCode.SOURCE_NOT_FOUND;
            case UNSUPPORTED_FORMAT -> ExitCode.UNSUPPORTED_FORMAT;
            case INVALID_CONFIG, NOT_ALLOWED -> ExitCode.USAGE;
            default -> ExitCode.FAILED;
        };
    }

    private static GroundTruth read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new EvalException(
                    ExitCode.SOURCE_NOT_FOUND,
                    "Ground truth file not found or not readable: " + file);
        }
        try {
            return GroundTruth.readJson(file);
        } catch (UncheckedIOException e) {
            throw new EvalException(
                    ExitCode.USAGE,
                    "Ground truth file is not the synthetic generator's JSON: "
                            + file
                            + ": "
                            + e.getCause().getMessage(),
                    e);
        }
    }
}
