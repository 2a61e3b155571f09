package dev.skim.ingest.publish;

/** Sleeps so that frames go out at the pace of their presentation times (realtime mode). */
final class Pacer {

    private long startNanos = -1;
    private long originMillis;

    /** Blocks until wall-clock time has caught up with {@code ptsMillis}. */
    void await(long ptsMillis) throws InterruptedException {
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
            originMillis = ptsMillis;
            return;
        }
        long dueNanos = startNanos + (ptsMillis - originMillis) * 1_000_000L;
        long waitNanos = dueNanos - now;
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
        }
    }
}
