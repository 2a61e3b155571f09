package dev.skim.video.source;

import dev.skim.video.FrameSource;
import dev.skim.video.SourceFrame;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plays a source again and again (for demos and soak tests). Presentation times keep rising: each
 * pass starts one frame interval after the previous pass's last frame.
 */
public final class LoopingSource implements FrameSource {

    private final Supplier<FrameSource> opener;
    private final long maxPasses;
    private FrameSource current;
    private long passes;
    private long offset;
    private long lastPts = -1;
    private long interval = 1;
    private long framesThisPass;
    private long unreadableOfPastPasses;
    private long damagedOfPastPasses;
    private final String description;

    /**
     * @param opener opens a fresh copy of the source for each pass
     * @param maxPasses how many passes (0 = forever)
     */
    public LoopingSource(Supplier<FrameSource> opener, long maxPasses) {
        if (maxPasses < 0) {
            throw new IllegalArgumentException("maxPasses must be >= 0, was " + maxPasses);
        }
        this.opener = opener;
        this.maxPasses = maxPasses;
        this.current = opener.get(); // the first pass opens now, so a bad source fails early
        this.description = current.description() + " (looping)";
    }

    @Override
    public Optional<SourceFrame> next() {
        while (maxPasses == 0 || passes < maxPasses) {
            if (current == null) {
                current = opener.get();
                framesThisPass = 0;
                offset = lastPts < 0 ? 0 : lastPts + interval;
            }
            Optional<SourceFrame> frame = current.next();
            if (frame.isPresent()) {
                long pts = offset + frame.get().ptsMillis();
                if (lastPts >= 0 && framesThisPass > 0) {
                    interval = Math.max(1, pts - lastPts);
                }
                framesThisPass++;
                lastPts = pts;
                return Optional.of(frame.get().withPtsMillis(pts));
            }
            unreadableOfPastPasses += current.unreadableFrames();
            damagedOfPastPasses += current.damagedFrames();
            current.close();
            current = null;
            passes++;
            if (framesThisPass == 0) {
                break; // an empty source would loop forever
            }
        }
        return Optional.empty();
    }

    @Override
    public long unreadableFrames() {
        return unreadableOfPastPasses + (current == null ? 0 : current.unreadableFrames());
    }

    @Override
    public long damagedFrames() {
        return damagedOfPastPasses + (current == null ? 0 : current.damagedFrames());
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
