package dev.skim.compressor.window;

import dev.skim.core.tokens.TokenGrid;

/**
 * A slow-frame candidate held until its window closes: the frame's full encoder grid (the SLOW
 * chain runs on it if it is selected), its keyframe and, when tagging is on, a larger JPEG for the
 * taggers.
 *
 * @param seq the frame's seq
 * @param ptsMillis its presentation time
 * @param novelty its novelty against the previous frame
 * @param grid its encoder tokens
 * @param keyframe a small JPEG of it
 * @param tagImage the frame for the taggers (up to their image size), or null when tagging is off
 */
public record SlowFrame(
        long seq,
        long ptsMillis,
        float novelty,
        TokenGrid grid,
        Thumbnail keyframe,
        Thumbnail tagImage) {

    /**
     * A small JPEG.
     *
     * @param width pixels
     * @param height pixels
     * @param jpeg the JPEG bytes
     */
    public record Thumbnail(int width, int height, byte[] jpeg) {}
}
