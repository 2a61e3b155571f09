package dev.skim.core.tagging;

import dev.skim.core.encoder.RgbImage;
import java.util.List;

/**
 * Finds words in a frame: object classes (a detector) or text (OCR). The compressor runs its
 * taggers on SLOW frames only (DESIGN.md section 4, stage 6), so that moments can be found by
 * words; the bridge matches questions to what they found.
 *
 * <p>Implementations hold native models: one instance per stream thread, closed with it. Not
 * thread-safe unless an implementation says so.
 */
public interface FrameTagger extends AutoCloseable {

    /** What this tagger is, for the keyframe's {@code tagger} field ("nanodet-coco80"). */
    String id();

    /**
     * The tags of one frame, best first.
     *
     * @throws TaggerException when the model fails on this frame
     */
    List<FrameTag> tag(RgbImage image);

    @Override
    void close();
}
