package dev.skim.eval;

import java.util.List;

/**
 * The numbers for one method over the whole stream (DESIGN.md section 5 metrics).
 *
 * @param method what ran
 * @param label short name for tables and legends
 * @param frames frames in the stream
 * @param totalTokens tokens kept over the stream
 * @param tokensPerFrame totalTokens / frames
 * @param compressionRatio original tokens / kept tokens (null when nothing was kept)
 * @param bytesPerFrameFp16 vector bytes per frame on the wire in fp16
 * @param bytesPerFrameInt8 vector bytes per frame on the wire in int8 (scales included)
 * @param coverage time-local coverage: mean over original tokens of frame t of the max cosine to a
 *     kept token of frames t-R..t+R
 * @param reconstructionError mean |x - x^| / |x| with x^ the kept token of the same frame that the
 *     provenance maps x to (1 for a patch no kept token of its frame covers)
 * @param needleRecallAt1 share of needles whose frame holds the kept token closest to the needle's
 *     own encoding (null without needles)
 * @param needleTimeErrorSeconds mean |time of that top token - time of the needle| (null without
 *     needles or when nothing was kept)
 * @param needles every needle's search result
 * @param spatial spatial needles: recall@1 and patch coverage per area (1/16, 1/64; both lengths
 *     together, length null), then per kind (area x 1 or 10 frames); empty without spatial needles
 * @param spatialNeedles every spatial needle's result
 * @param eventRecall share of planted events with a kept token mostly about them (null without
 *     ground truth)
 * @param eventsFound events found
 * @param events events in the stream
 * @param encodeMsPerFrame mean encoder time per frame (the same for every method of a run)
 * @param methodMsPerFrame mean time of the chain (or baseline) per frame, same run
 * @param costPercentOfEncoder methodMsPerFrame / encodeMsPerFrame x 100 (null when the encoder time
 *     is 0)
 * @param methodMsMax the slowest frame's chain time
 * @param slowFrames slow-tier frames: keyframes the chain's novelty operator gave its full key
 *     budget (the first frame and scene cuts); 0 for chains without novelty and for baselines
 * @param timeline per-frame series for the plots
 */
public record MethodResult(
        MethodId method,
        String label,
        int frames,
        long totalTokens,
        double tokensPerFrame,
        Double compressionRatio,
        double bytesPerFrameFp16,
        double bytesPerFrameInt8,
        double coverage,
        double reconstructionError,
        Double needleRecallAt1,
        Double needleTimeErrorSeconds,
        List<NeedleResult> needles,
        List<SpatialSummary> spatial,
        List<SpatialNeedleResult> spatialNeedles,
        Double eventRecall,
        int eventsFound,
        int events,
        double encodeMsPerFrame,
        double methodMsPerFrame,
        Double costPercentOfEncoder,
        double methodMsMax,
        int slowFrames,
        Timeline timeline) {

    /**
     * Where one needle's query landed.
     *
     * @param id needle id
     * @param frame stream frame of the needle
     * @param rank 1-based rank of the best token from the needle's frame (0 when none was kept)
     * @param topFrame frame of the top-ranked kept token (-1 when nothing was kept)
     * @param timeErrorSeconds |time of topFrame - time of the needle| (null when nothing was kept)
     */
    public record NeedleResult(
            int id, int frame, int rank, int topFrame, Double timeErrorSeconds) {}

    /**
     * One spatial needle's patch-level scores (see {@link SpatialNeedleScore}).
     *
     * @param id spatial needle id
     * @param area 1/area of the frame
     * @param length frames it was planned on
     * @param queries its patches (cells), each one query
     * @param hits queries whose closest kept token of the stream is of the needle's frames and has
     *     at least the event share of its provenance weight on the needle's cells
     * @param recallAt1 hits / queries
     * @param patchCoverage mean over the needle's frames and cells of the max cosine to a token
     *     kept of the needle's frames
     */
    public record SpatialNeedleResult(
            int id,
            int area,
            int length,
            int queries,
            int hits,
            double recallAt1,
            double patchCoverage) {}

    /**
     * Spatial needles of one area (and length).
     *
     * @param area 1/area of the frame
     * @param length frames shown on, or null for both lengths together
     * @param needles spatial needles of this kind
     * @param recallAt1 mean recall@1 of these needles (null when there are none)
     * @param patchCoverage mean patch coverage (null when there are none)
     */
    public record SpatialSummary(
            int area, Integer length, int needles, Double recallAt1, Double patchCoverage) {}

    /**
     * Per-frame series.
     *
     * @param tokens tokens kept per frame
     * @param methodMs method time per frame
     * @param novelty the chain's novelty per frame (null entries when not available)
     * @param slow indices of the slow-tier (keyframe) frames
     */
    public record Timeline(
            List<Integer> tokens, List<Double> methodMs, List<Float> novelty, List<Integer> slow) {}

    public MethodResult {
        needles = List.copyOf(needles);
        spatial = List.copyOf(spatial);
        spatialNeedles = List.copyOf(spatialNeedles);
    }

    /** The summary of spatial needles of 1/area of the frame, both lengths together, or null. */
    public SpatialSummary spatialArea(int area) {
        for (SpatialSummary s : spatial) {
            if (s.area() == area && s.length() == null) {
                return s;
            }
        }
        return null;
    }
}
