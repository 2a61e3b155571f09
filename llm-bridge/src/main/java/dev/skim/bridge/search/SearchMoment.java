package dev.skim.bridge.search;

import java.util.List;

/**
 * A moment a search found.
 *
 * @param streamId the stream
 * @param seq the frame's seq
 * @param ptsMillis its presentation time
 * @param score how well it matches, 0..1: the best matching tag's match times its confidence
 * @param matched labels and texts of its tags that matched
 * @param tags all its tags
 * @param keyframe link to its keyframe JPEG
 */
public record SearchMoment(
        String streamId,
        long seq,
        long ptsMillis,
        float score,
        List<String> matched,
        List<TagView> tags,
        String keyframe) {}
