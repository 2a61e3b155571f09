package dev.skim.ingest.publish;

/**
 * Keeps at most {@code fps} frames per second of presentation time: the timeline from the first
 * frame's pts is cut into slots of 1000/fps ms and the first frame of each slot is kept. Goes by
 * ptsMillis, so variable frame rates and dropped frames sample correctly.
 */
final class FpsSampler {

    private final double intervalMillis;
    private long originMillis = -1;
    private long lastSlot = -1;

    /** A sampler for {@code fps} frames a second; 0 keeps every frame. */
    FpsSampler(double fps) {
        this.intervalMillis = fps > 0 ? 1000.0 / fps : 0;
    }

    boolean accept(long ptsMillis) {
        if (intervalMillis == 0) {
            return true;
        }
        if (originMillis < 0) {
            originMillis = ptsMillis;
        }
        long slot = (long) Math.floor((ptsMillis - originMillis) / intervalMillis);
        if (slot <= lastSlot) {
            return false;
        }
        lastSlot = slot;
        return true;
    }
}
