package dev.skim.eval;

import dev.skim.core.compression.Fidelity;
import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Computes a {@link MethodResult} from a run with the metrics of {@link Fidelity} (coverage,
 * reconstruction error, needle and event recall, compression ratio, bytes per frame), the spatial
 * needles' patch-level scores ({@link SpatialNeedleScore}) and the cost as a share of the encoder.
 *
 * @param coverageRadius R of the time-local coverage, in frames
 * @param eventShare share of a kept token's provenance weight that must lie inside an event (or on
 *     a spatial needle's cells) for the token to count as seeing it
 * @param centred whether the cosines of coverage, needle recall and patch coverage are centred on
 *     the video's mean token ({@link Centring})
 */
record Metrics(int coverageRadius, double eventShare, boolean centred) {

    /** The cosine of these metrics on this video: centred on its mean token, or plain. */
    Centring space(EncodedVideo video) {
        return centred ? Centring.of(video) : Centring.NONE;
    }

    MethodResult measure(EncodedVideo video, MethodRun run) {
        return measure(video, space(video), run);
    }

    /**
     * @param space {@link #space} of this video (computed once for all the methods of a run)
     */
    MethodResult measure(EncodedVideo video, Centring space, MethodRun run) {
        List<EncodedFrame> frames = video.frames();
        int n = frames.size();
        long total = run.totalTokens();
        long original = (long) n * video.tokensPerFrame();
        double ratio = Fidelity.compressionRatio((int) original, (int) total);
        List<List<Token>> kept = new ArrayList<>(n);
        List<Token> stored = new ArrayList<>((int) total);
        for (FrameOutput f : run.frames()) {
            List<Token> k = space.shift(f.kept());
            kept.add(k);
            stored.addAll(k);
        }
        List<MethodResult.NeedleResult> needles = needles(video, stored, space);
        List<MethodResult.SpatialNeedleResult> spatial =
                SpatialNeedleScore.score(video, run, kept, space, eventShare);
        int found = eventsFound(video, run);
        Times times = times(frames, run);
        MethodResult.Timeline timeline = times.timeline();
        boolean hasNeedles = !needles.isEmpty();
        return new MethodResult(
                run.method(),
                run.method().label(),
                n,
                total,
                total / (double) n,
                Double.isInfinite(ratio) ? null : ratio,
                Fidelity.bytesPerFrame((int) total, video.dim(), Precision.FP16, n),
                Fidelity.bytesPerFrame((int) total, video.dim(), Precision.INT8, n),
                coverage(video, kept, space),
                reconstructionError(video, run),
                hasNeedles
                        ? needles.stream().filter(r -> r.rank() == 1).count()
                                / (double) needles.size()
                        : null,
                hasNeedles ? meanTimeError(needles) : null,
                needles,
                spatial.isEmpty() ? List.of() : SpatialNeedleScore.summaries(spatial),
                spatial,
                video.groundTruth()
                        ? (video.events().isEmpty() ? 1.0 : found / (double) video.events().size())
                        : null,
                found,
                video.events().size(),
                times.encodeMs() / n,
                times.methodMs() / n,
                costPercent(times.methodMs(), times.encodeMs()),
                times.methodMax(),
                timeline.slow().size(),
                timeline);
    }

    /**
     * Sums and per-frame series of the run's times (ms).
     *
     * @param encodeMs encoder time over all frames
     * @param methodMs the method's time over all frames
     * @param methodMax the slowest frame's method time
     * @param timeline per-frame tokens kept, method time, novelty and slow frames
     */
    private record Times(
            double encodeMs, double methodMs, double methodMax, MethodResult.Timeline timeline) {}

    private static Times times(List<EncodedFrame> frames, MethodRun run) {
        int n = frames.size();
        double encodeMs = 0;
        double methodMs = 0;
        double methodMax = 0;
        List<Integer> tokens = new ArrayList<>(n);
        List<Double> times = new ArrayList<>(n);
        List<Float> novelty = new ArrayList<>(n);
        List<Integer> slow = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FrameOutput f = run.frames().get(i);
            double enc = frames.get(i).encodeNanos() / 1e6;
            double ms = f.nanos() / 1e6;
            encodeMs += enc;
            methodMs += ms;
            methodMax = Math.max(methodMax, ms);
            tokens.add(f.kept().size());
            times.add(ms);
            novelty.add(f.novelty());
            if (f.slow()) {
                slow.add(i);
            }
        }
        return new Times(
                encodeMs,
                methodMs,
                methodMax,
                new MethodResult.Timeline(tokens, times, novelty, slow));
    }

    /** Method time as a share of encoder time, in percent (null when the encoder took no time). */
    static Double costPercent(double methodMs, double encodeMs) {
        return encodeMs > 0 ? 100.0 * methodMs / encodeMs : null;
    }

    /**
     * Mean over all original tokens; frame t is compared with what was kept of t-R..t+R.
     *
     * @param kept per frame, the tokens kept, shifted by {@code space}
     */
    double coverage(EncodedVideo video, List<List<Token>> kept, Centring space) {
        int n = video.frames().size();
        double[] perFrame =
                IntStream.range(0, n)
                        .parallel()
                        .mapToDouble(
                                t -> {
                                    List<Token> near = new ArrayList<>();
                                    int from = Math.max(0, t - coverageRadius);
                                    int to = Math.min(n - 1, t + coverageRadius);
                                    for (int u = from; u <= to; u++) {
                                        near.addAll(kept.get(u));
                                    }
                                    return Fidelity.coverage(
                                            space.shift(video.frames().get(t).tokens()), near);
                                })
                        .toArray();
        double sum = 0;
        for (double c : perFrame) {
            sum += c;
        }
        return sum / n;
    }

    static double reconstructionError(EncodedVideo video, MethodRun run) {
        double sum = 0;
        for (int i = 0; i < video.frames().size(); i++) {
            FrameOutput f = run.frames().get(i);
            sum +=
                    Fidelity.reconstructionError(
                            video.frames().get(i).tokens(), f.kept(), f.provenance());
        }
        return sum / video.frames().size();
    }

    /**
     * @param stored every kept token of the stream, shifted by {@code space}
     */
    static List<MethodResult.NeedleResult> needles(
            EncodedVideo video, List<Token> stored, Centring space) {
        List<MethodResult.NeedleResult> out = new ArrayList<>();
        for (NeedlePlacement p : video.needles()) {
            EncodedFrame frame = video.frames().get(p.frame());
            Fidelity.Needle r = Fidelity.needle(stored, space.shift(frame.query()), p.frame());
            Double error =
                    r.topFrame() < 0
                            ? null
                            : Math.abs(
                                            video.frames().get(r.topFrame()).ptsMillis()
                                                    - frame.ptsMillis())
                                    / 1000.0;
            out.add(
                    new MethodResult.NeedleResult(
                            p.id(), p.frame(), r.rank(), r.topFrame(), error));
        }
        return out;
    }

    private static Double meanTimeError(List<MethodResult.NeedleResult> needles) {
        double sum = 0;
        int count = 0;
        for (MethodResult.NeedleResult r : needles) {
            if (r.timeErrorSeconds() != null) {
                sum += r.timeErrorSeconds();
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    /** Events for which some frame of the event (not a needle) kept a token mostly about it. */
    int eventsFound(EncodedVideo video, MethodRun run) {
        int found = 0;
        for (Fidelity.Event e : video.events()) {
            for (int f = e.firstFrame(); f <= e.lastFrame(); f++) {
                if (video.frames().get(f).needle() >= 0) {
                    continue;
                }
                FrameOutput out = run.frames().get(f);
                double r =
                        Fidelity.eventRecall(
                                video.frames().get(f).tokens(),
                                out.provenance(),
                                List.of(e),
                                eventShare);
                if (r > 0) {
                    found++;
                    break;
                }
            }
        }
        return found;
    }
}
