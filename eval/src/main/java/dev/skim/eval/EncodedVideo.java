package dev.skim.eval;

import dev.skim.core.compression.Fidelity;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The evaluated stream: the video's frames with the needles inserted, encoded once and shared by
 * every chain and baseline.
 *
 * @param source description of the input (file path or synthetic spec)
 * @param encoderId the encoder's id
 * @param rows encoder grid rows
 * @param cols encoder grid columns
 * @param dim token dimension
 * @param frames every frame of the stream, in order
 * @param thumbnails a small picture of every frame (for keep-maps), aligned with frames
 * @param needles where the whole-frame needles were inserted
 * @param spatialNeedles where needle pictures were pasted into part of the video's own frames
 * @param events planted events mapped onto stream frames and the grid (empty without ground truth)
 * @param groundTruth whether ground truth was given (event recall is reported only then)
 * @param unreadableFrames frames the source could not decode
 */
public record EncodedVideo(
        String source,
        String encoderId,
        int rows,
        int cols,
        int dim,
        List<EncodedFrame> frames,
        List<BufferedImage> thumbnails,
        List<NeedlePlacement> needles,
        List<SpatialNeedle> spatialNeedles,
        List<Fidelity.Event> events,
        boolean groundTruth,
        long unreadableFrames) {
    public EncodedVideo {
        frames = List.copyOf(frames);
        thumbnails = List.copyOf(thumbnails);
        needles = List.copyOf(needles);
        spatialNeedles = List.copyOf(spatialNeedles);
        events = List.copyOf(events);
    }

    /** Tokens per frame the encoder produces. */
    public int tokensPerFrame() {
        return rows * cols;
    }

    /** Frames per second estimated from the presentation times (10 when unknown). */
    public double fps() {
        int n = frames.size();
        if (n < 2) {
            return 10.0;
        }
        long span = frames.get(n - 1).ptsMillis() - frames.get(0).ptsMillis();
        return span <= 0 ? 10.0 : (n - 1) * 1000.0 / span;
    }
}
