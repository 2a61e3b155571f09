package dev.skim.bridge.context;

import dev.skim.bridge.search.TagView;
import java.util.List;

/**
 * One moment of the video that went into an answer's context.
 *
 * @param seq the frame's seq
 * @param ptsMillis the frame's presentation time in milliseconds
 * @param time the presentation time as {@code HH:MM:SS.mmm}, as the prompt labels it
 * @param tier the tier its tokens came from (FAST, SLOW or FRAME)
 * @param role {@code coverage} (even time coverage) or {@code detail} (slow detail)
 * @param novelty how new the frame was against the stream's memory, 0..1
 * @param tokens stored visual tokens of this frame in that tier
 * @param keyframe link to the keyframe JPEG, or null when none is held
 * @param relevance why it was chosen: its tags' match to the question, or its novelty, or time
 *     coverage
 * @param tags the object and text tags of its keyframe (empty when none is held or nothing was
 *     tagged)
 */
public record Moment(
        long seq,
        long ptsMillis,
        String time,
        String tier,
        String role,
        float novelty,
        int tokens,
        String keyframe,
        Relevance relevance,
        List<TagView> tags) {

    /** {@code HH:MM:SS.mmm} of a presentation time. */
    public static String label(long ptsMillis) {
        long ms = Math.max(0, ptsMillis);
        return String.format(
                "%02d:%02d:%02d.%03d",
                ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60, ms % 1000);
    }
}
