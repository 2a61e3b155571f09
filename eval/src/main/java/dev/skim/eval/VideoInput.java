package dev.skim.eval;

import dev.skim.video.FrameSource;
import dev.skim.video.FrameSourceException;
import dev.skim.video.cli.CliException;
import dev.skim.video.cli.ExitCode;
import dev.skim.video.source.VideoFileSource;
import dev.skim.video.synthetic.GroundTruth;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
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
     * @throws CliException SOURCE_NOT_FOUND or USAGE naming a problem with the ground truth file
     * @throws FrameSourceException SOURCE_NOT_FOUND, UNSUPPORTED_FORMAT or INVALID_CONFIG naming a
     *     problem with the input (the exit code is {@link ExitCode#of} its reason)
     */
    static VideoInput open(String input, Path groundTruthFile) {
        Optional<GroundTruth> truth =
                groundTruthFile == null ? Optional.empty() : Optional.of(read(groundTruthFile));
        if (input.startsWith("synthetic:")) {
            SyntheticVideoSource s = SyntheticVideoSource.of(SyntheticSpec.parse(input));
            return new VideoInput(s, truth.isPresent() ? truth : Optional.of(s.groundTruth()));
        }
        return new VideoInput(VideoFileSource.open(Path.of(input)), truth);
    }

    private static GroundTruth read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliException(
                    ExitCode.SOURCE_NOT_FOUND,
                    "Ground truth file not found or not readable: " + file);
        }
        try {
            return GroundTruth.readJson(file);
        } catch (UncheckedIOException e) {
            throw new CliException(
                    ExitCode.USAGE,
                    "Ground truth file is not the synthetic generator's JSON: "
                            + file
                            + ": "
                            + e.getCause().getMessage(),
                    e);
        }
    }
}
