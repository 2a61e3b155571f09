package dev.skim.ingest.publish;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one {@link FramePublisher}, over all its streams. Thread-safe. */
public final class PublisherMetrics {

    /**
     * A point-in-time copy of the counters.
     *
     * @param framesSent frames handed to the producer
     * @param framesAcked frames acknowledged by Kafka
     * @param bytesAcked serialized value bytes acknowledged
     * @param errors frames Kafka did not acknowledge (delivery failures)
     * @param unreadable frames sources could not decode
     * @param rejected frames too large to publish
     * @param uptimeNanos time since the publisher was built
     */
    public record Snapshot(
            long framesSent,
            long framesAcked,
            long bytesAcked,
            long errors,
            long unreadable,
            long rejected,
            long uptimeNanos) {

        /** Acknowledged frames per second since the publisher was built. */
        public double framesPerSecond() {
            return uptimeNanos > 0 ? framesAcked * 1e9 / uptimeNanos : 0;
        }

        /** Acknowledged MB (10^6 bytes) per second since the publisher was built. */
        public double megabytesPerSecond() {
            return uptimeNanos > 0 ? bytesAcked * 1e3 / uptimeNanos : 0;
        }
    }

    private final long startNanos = System.nanoTime();
    final LongAdder framesSent = new LongAdder();
    final LongAdder framesAcked = new LongAdder();
    final LongAdder bytesAcked = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder unreadable = new LongAdder();
    final LongAdder rejected = new LongAdder();

    PublisherMetrics() {}

    public Snapshot snapshot() {
        return new Snapshot(
                framesSent.sum(),
                framesAcked.sum(),
                bytesAcked.sum(),
                errors.sum(),
                unreadable.sum(),
                rejected.sum(),
                System.nanoTime() - startNanos);
    }
}
