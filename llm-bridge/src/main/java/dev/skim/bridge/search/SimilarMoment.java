package dev.skim.bridge.search;

/**
 * A moment like the example.
 *
 * @param streamId the stream
 * @param seq the frame's seq
 * @param ptsMillis its presentation time
 * @param tier the tier whose tokens matched best (FAST, SLOW or FRAME)
 * @param score cosine of the example's mean token to this frame's mean token in that tier
 * @param keyframe link to its keyframe JPEG, or null when none is held
 */
public record SimilarMoment(
        String streamId, long seq, long ptsMillis, String tier, float score, String keyframe) {}
