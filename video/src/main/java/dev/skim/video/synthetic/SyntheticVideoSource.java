package dev.skim.video.synthetic;

import dev.skim.video.FrameSource;
import dev.skim.video.SourceFrame;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A deterministic synthetic video: moving shapes on gradient backgrounds, hard scene cuts, and
 * planted events (a still checkerboard square that appears at a known time and place). The same
 * {@link SyntheticSpec} (seed included) always gives the same pixels; {@link #groundTruth()} says
 * where the cuts and events are.
 *
 * <pre>{@code
 * SyntheticVideoSource source = SyntheticVideoSource.of(SyntheticSpec.parse("synthetic:frames=300,seed=7"));
 * source.groundTruth().writeJson(Path.of("events.json"));
 * }</pre>
 */
public final class SyntheticVideoSource implements FrameSource {

    private final SyntheticPlan plan;
    private final SyntheticRenderer renderer;
    private int nextFrame;

    private SyntheticVideoSource(SyntheticPlan plan) {
        this.plan = plan;
        this.renderer = new SyntheticRenderer(plan);
    }

    /** A synthetic video for the given spec. */
    public static SyntheticVideoSource of(SyntheticSpec spec) {
        return new SyntheticVideoSource(new SyntheticPlan(spec));
    }

    /** Where the scene cuts and planted events of this video are. */
    public GroundTruth groundTruth() {
        return plan.groundTruth();
    }

    public SyntheticSpec spec() {
        return plan.spec();
    }

    @Override
    public Optional<SourceFrame> next() {
        if (nextFrame >= plan.spec().frames()) {
            return Optional.empty();
        }
        int frame = nextFrame++;
        return Optional.of(new SourceFrame(plan.spec().ptsMillis(frame), renderer.render(frame)));
    }

    @Override
    public OptionalLong expectedFrames() {
        return OptionalLong.of(plan.spec().frames());
    }

    @Override
    public String description() {
        SyntheticSpec s = plan.spec();
        return "synthetic:frames=%d,fps=%s,size=%dx%d,seed=%d,scenes=%d,events=%d"
                .formatted(
                        s.frames(),
                        fmt(s.fps()),
                        s.width(),
                        s.height(),
                        s.seed(),
                        s.scenes(),
                        s.events());
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    @Override
    public void close() {
        // Nothing native to release.
    }
}
