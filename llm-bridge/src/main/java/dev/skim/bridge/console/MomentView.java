package dev.skim.bridge.console;

import java.util.List;

/**
 * One frame of a stream as the console shows it large: which patches of the encoder grid its kept
 * tokens come from, per tier, and its keyframe with tags.
 *
 * @param streamId the stream
 * @param seq the frame's seq
 * @param ptsMillis its presentation time
 * @param novelty how new it was against the stream's memory (0..1), from its FAST block, or null
 * @param gated tiers whose chain dropped the frame (it has no tokens there)
 * @param tiers the tiers that hold tokens of the frame
 * @param keyframe its keyframe, or null when none is held
 */
public record MomentView(
        String streamId,
        long seq,
        long ptsMillis,
        Float novelty,
        List<String> gated,
        List<TierTokens> tiers,
        Keyframe keyframe) {

    /**
     * The frame's tokens in one tier.
     *
     * @param tier FAST, SLOW or FRAME
     * @param gridRows rows of the encoder's patch grid
     * @param gridCols columns of the encoder's patch grid
     * @param encoderId the encoder
     * @param chain the operators that kept these tokens
     * @param tokens the kept tokens: grid position (span-weighted mean of the patches merged into
     *     it) and how many patches it stands for
     */
    public record TierTokens(
            String tier,
            int gridRows,
            int gridCols,
            String encoderId,
            List<String> chain,
            List<Patch> tokens) {}

    /**
     * Where one kept token comes from.
     *
     * @param row grid row (a merged token's is the span-weighted mean of its patches')
     * @param col grid column (likewise)
     * @param span patches merged into the token (1: one patch)
     */
    public record Patch(float row, float col, int span) {}

    /**
     * The keyframe of the frame.
     *
     * @param link the JPEG
     * @param width its width in pixels
     * @param height its height in pixels
     * @param tagger which taggers ran, empty when none
     * @param tags what they found
     */
    public record Keyframe(String link, int width, int height, String tagger, List<TagView> tags) {}

    /**
     * A tag of the keyframe: an object or a line of text, with its box as fractions of the frame.
     */
    public record TagView(
            String kind, String label, float score, float x, float y, float w, float h) {}
}
