package dev.skim.eval;

import java.util.List;

/**
 * Everything {@code skim eval} measured, as written to the JSON file.
 *
 * @param input the video file or synthetic spec
 * @param encoder the encoder's id
 * @param rows encoder grid rows
 * @param cols encoder grid columns
 * @param dim token dimension
 * @param frames frames in the evaluated stream (video frames plus needles)
 * @param unreadableFrames frames the source could not decode
 * @param fps frames per second of the stream
 * @param seed seed of the needles
 * @param settings how the metrics were taken
 * @param needles where the whole-frame needles are
 * @param spatialNeedles where the spatial needles are (pictures pasted into part of video frames)
 * @param events planted events in the stream (0 without ground truth)
 * @param groundTruth whether ground truth was given
 * @param videoChange per frame: 1 - cos of the frame's mean token with the previous frame's
 * @param comparisons every chain at every budget with its two baselines
 * @param keepMapFrames the stream frames drawn in the keep-maps
 */
public record EvalReport(
        String input,
        String encoder,
        int rows,
        int cols,
        int dim,
        int frames,
        long unreadableFrames,
        double fps,
        long seed,
        Settings settings,
        List<NeedlePlacement> needles,
        List<SpatialNeedle> spatialNeedles,
        int events,
        boolean groundTruth,
        List<Float> videoChange,
        List<Comparison> comparisons,
        List<Integer> keepMapFrames) {

    /**
     * @param chains chain templates as given
     * @param budgets budgets (tokens per frame) substituted for {@code {B}}
     * @param coverageRadius R of the time-local coverage, in frames
     * @param eventShare share of a token's provenance inside an event (or on a spatial needle's
     *     cells) for it to count
     * @param centred whether the metrics' cosines are centred on the video's mean token
     */
    public record Settings(
            List<String> chains,
            List<Integer> budgets,
            int coverageRadius,
            double eventShare,
            boolean centred) {}

    public EvalReport {
        needles = List.copyOf(needles);
        spatialNeedles = List.copyOf(spatialNeedles);
        videoChange = List.copyOf(videoChange);
        comparisons = List.copyOf(comparisons);
        keepMapFrames = List.copyOf(keepMapFrames);
    }
}
