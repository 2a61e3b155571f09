package dev.skim.ingest.publish;

/** Called on the publishing thread after each frame is handed to Kafka (for progress bars). */
@FunctionalInterface
public interface PublishListener {

    /**
     * @param streamId the stream
     * @param seq the frame's seq
     * @param ptsMillis the frame's presentation time
     * @param valueBytes the serialized record size
     */
    void onFrameSent(String streamId, long seq, long ptsMillis, int valueBytes);

    /**
     * Called for a frame read from the source but not published (left out by fps sampling, or
     * rejected as too large).
     */
    default void onFrameSkipped(String streamId, long ptsMillis) {}

    /** A listener that does nothing. */
    static PublishListener none() {
        return (streamId, seq, ptsMillis, valueBytes) -> {};
    }
}
