package dev.skim.eval;

import dev.skim.core.compression.VectorMath;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.tokens.Token;
import dev.skim.video.cli.CliException;
import dev.skim.video.cli.ExitCode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every chain at every budget and the two baselines at the same total token count over one
 * encoded stream, and measures them.
 */
final class Evaluation {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    /**
     * What an evaluation produced: the report, and for the pictures the thumbnails and what each
     * method kept of the keep-map frames.
     *
     * @param report the numbers
     * @param thumbnails pictures of the keep-map frames, aligned with report.keepMapFrames()
     * @param keeps per comparison: [chain, grid pooling, frame subsampling], each one FrameKeep per
     *     keep-map frame
     */
    record Outcome(
            EvalReport report, List<BufferedImage> thumbnails, List<List<List<FrameKeep>>> keeps) {}

    private final List<ChainTemplate> chains;
    private final List<Integer> budgets;
    private final Metrics metrics;
    private final int keepMapCount;
    private final Progress.Factory progress;

    Evaluation(
            List<ChainTemplate> chains,
            List<Integer> budgets,
            Metrics metrics,
            int keepMapCount,
            Progress.Factory progress) {
        this.chains = List.copyOf(chains);
        this.budgets = List.copyOf(budgets);
        this.metrics = metrics;
        this.keepMapCount = keepMapCount;
        this.progress = progress;
    }

    /**
     * Checks every chain at every budget and every budget against the encoder's grid, before any
     * frame is read.
     *
     * @throws CliException USAGE naming the bad chain or budget
     */
    static void validate(List<ChainTemplate> chains, List<Integer> budgets, FrameEncoder encoder) {
        int perFrame = encoder.rows() * encoder.cols();
        for (int b : budgets) {
            if (b < 1) {
                throw new CliException(
                        ExitCode.USAGE, "budget must be at least 1 token per frame, was " + b);
            }
            if (b > perFrame) {
                throw new CliException(
                        ExitCode.USAGE,
                        "budget "
                                + b
                                + " is larger than the "
                                + perFrame
                                + " tokens per frame of encoder "
                                + encoder.id()
                                + " ("
                                + encoder.rows()
                                + "x"
                                + encoder.cols()
                                + ")");
            }
        }
        for (ChainTemplate c : chains) {
            for (int b : c.hasBudget() ? budgets : List.of(1)) {
                c.parse(b);
            }
        }
    }

    Outcome run(EncodedVideo video, long seed) {
        List<Integer> keepFrames = keepMapFrames(video);
        List<Comparison> comparisons = new ArrayList<>();
        List<List<List<FrameKeep>>> keeps = new ArrayList<>();
        int runs = 0;
        for (ChainTemplate c : chains) {
            runs += 3 * (c.hasBudget() ? budgets.size() : 1);
        }
        Centring space = metrics.space(video);
        try (Progress bar =
                progress.open("compress", (long) runs * video.frames().size(), " frames")) {
            for (ChainTemplate c : chains) {
                List<Integer> at =
                        c.hasBudget() ? budgets : java.util.Collections.singletonList(null);
                for (Integer b : at) {
                    compare(video, space, c, b, bar, keepFrames, comparisons, keeps);
                }
            }
        }
        List<BufferedImage> thumbs = new ArrayList<>();
        for (int f : keepFrames) {
            thumbs.add(video.thumbnails().get(f));
        }
        return new Outcome(report(video, seed, comparisons, keepFrames), thumbs, keeps);
    }

    /**
     * Runs chain {@code c} at budget {@code b} and the two baselines at its total, and adds their
     * measures to {@code comparisons} and what they kept of the keep-map frames to {@code keeps}.
     */
    private void compare(
            EncodedVideo video,
            Centring space,
            ChainTemplate c,
            Integer b,
            Progress bar,
            List<Integer> keepFrames,
            List<Comparison> comparisons,
            List<List<List<FrameKeep>>> keeps) {
        ChainMethod chain = new ChainMethod(c, b, c.parse(b == null ? 1 : b));
        MethodRun run = chain.run(video, bar);
        long total = run.totalTokens();
        MethodRun pool = new GridPoolingBaseline(run.method(), total).run(video, bar);
        MethodRun frames = new FrameSubsamplingBaseline(run.method(), total).run(video, bar);
        LOG.info("{}: {} tokens; measuring", run.method().spec(), total);
        double stride =
                FrameSubsamplingBaseline.stride(
                        video.frames().size(), video.tokensPerFrame(), total);
        comparisons.add(
                new Comparison(
                        c.text(),
                        b,
                        metrics.measure(video, space, run),
                        metrics.measure(video, space, pool),
                        metrics.measure(video, space, frames),
                        Double.isInfinite(stride) ? null : stride));
        keeps.add(
                List.of(
                        keeps(run, keepFrames),
                        keeps(pool, keepFrames),
                        keeps(frames, keepFrames)));
    }

    private EvalReport report(
            EncodedVideo video, long seed, List<Comparison> comparisons, List<Integer> keepFrames) {

        return new EvalReport(
                video.source(),
                video.encoderId(),
                video.rows(),
                video.cols(),
                video.dim(),
                video.frames().size(),
                video.unreadableFrames(),
                video.fps(),
                seed,
                new EvalReport.Settings(
                        chains.stream().map(ChainTemplate::text).toList(),
                        budgets,
                        metrics.coverageRadius(),
                        metrics.eventShare(),
                        metrics.centred()),
                video.needles(),
                video.spatialNeedles(),
                video.events().size(),
                video.groundTruth(),
                videoChange(video),
                comparisons,
                keepFrames);
    }

    private static List<FrameKeep> keeps(MethodRun run, List<Integer> frames) {
        List<FrameKeep> out = new ArrayList<>();
        for (int f : frames) {
            out.add(FrameKeep.of(f, run.frames().get(f).provenance()));
        }
        return out;
    }

    /** Evenly spaced frames; the last one is the first needle when there is one. */
    private List<Integer> keepMapFrames(EncodedVideo video) {
        int n = video.frames().size();
        int k = Math.min(keepMapCount, n);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add((int) ((i + 0.5) * n / k));
        }
        if (k > 0 && !video.needles().isEmpty()) {
            int needle = video.needles().get(0).frame();
            if (!out.contains(needle)) {
                out.set(k - 1, needle);
                out.sort(Integer::compare);
            }
        }
        return out;
    }

    /** 1 - cos of each frame's mean token with the previous frame's (0 for the first frame). */
    static List<Float> videoChange(EncodedVideo video) {
        List<Float> out = new ArrayList<>();
        float[] previous = null;
        for (EncodedFrame f : video.frames()) {
            float[] mean = new float[video.dim()];
            for (Token t : f.tokens()) {
                float[] v = t.vector();
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += v[i];
                }
            }
            out.add(previous == null ? 0f : (float) (1.0 - cosine(mean, previous)));
            previous = mean;
        }
        return out;
    }

    /** Cosine similarity; 1 (no change) when either vector is zero. */
    private static double cosine(float[] a, float[] b) {
        return VectorMath.norm(a) == 0 || VectorMath.norm(b) == 0 ? 1.0 : VectorMath.cosine(a, b);
    }
}
