package dev.skim.compressor.metrics;

import dev.skim.avro.Tier;

/**
 * What the topology reports while it runs. The Quarkus app binds it to Micrometer ({@link
 * MicrometerCompressorMetrics}); topology tests use {@link #NONE} or a recording fake.
 * Implementations are thread-safe (several stream threads call them).
 */
public interface CompressorMetrics {

    /** A frame record was read from skim.frames. */
    void frameIn();

    /**
     * A frame of that stream is being processed, that long after it was captured (wall clock now
     * minus the frame's capturedAt): how far the compressor is behind the camera.
     */
    void streamLag(String streamId, long millis);

    /** The encoder took that long for one frame (batching wait included). */
    void encoded(long nanos);

    /** The FAST chain took that long for one frame. */
    void compressed(long nanos);

    /** A frame arrived after newer frames of its stream; accepted = within grace. */
    void lateFrame(boolean accepted);

    /** A token block was emitted. */
    void block(Tier tier, int frames, int gated, long tokensIn, long tokensOut, long bytes);

    /** A keyframe was emitted. */
    void keyframe(long bytes);

    /** A record went to the dead-letter topic from that stage. */
    void deadLetter(String stage);

    /** A tagger took that long on one slow frame and found that many tags. */
    default void tagged(String tagger, long nanos, int tags) {}

    /** A tagger failed on a slow frame (its keyframe went out without that tagger's tags). */
    default void taggerFailed(String tagger) {}

    /** Reports nothing. */
    CompressorMetrics NONE =
            new CompressorMetrics() {
                @Override
                public void frameIn() {}

                @Override
                public void streamLag(String streamId, long millis) {}

                @Override
                public void encoded(long nanos) {}

                @Override
                public void compressed(long nanos) {}

                @Override
                public void lateFrame(boolean accepted) {}

                @Override
                public void block(
                        Tier tier,
                        int frames,
                        int gated,
                        long tokensIn,
                        long tokensOut,
                        long bytes) {}

                @Override
                public void keyframe(long bytes) {}

                @Override
                public void deadLetter(String stage) {}
            };
}
