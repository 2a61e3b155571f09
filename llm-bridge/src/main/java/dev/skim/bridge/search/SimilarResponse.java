package dev.skim.bridge.search;

import java.util.List;

/**
 * Moments like an example, best first.
 *
 * @param streamId the stream
 * @param query what the example was: {@code seq 120 (SLOW tokens)} or {@code image (encoder ...)}
 * @param encoderId the encoder whose tokens were compared
 * @param moments the nearest moments, the example's own frame excluded
 */
public record SimilarResponse(
        String streamId, String query, String encoderId, List<SimilarMoment> moments) {}
