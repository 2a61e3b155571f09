package dev.skim.eval;

import java.util.List;

/**
 * A spatial needle in the evaluated stream: a needle picture pasted into part of the video's own
 * frames.
 *
 * @param id needle number (0-based, in time order)
 * @param name where the picture came from ({@code generated-spatial-0} or the file name)
 * @param area the needle covers 1/area of the frame (16 or 64)
 * @param length frames it was planned on (1 or 10)
 * @param x left edge in pixels
 * @param y top edge in pixels
 * @param width width in pixels
 * @param height height in pixels
 * @param frames stream frames showing it (fewer than length when the video ended first)
 * @param cells the encoder grid cells it covers (row-major; a cell counts when at least half of it
 *     lies under the needle, or else the one it covers most)
 */
public record SpatialNeedle(
        int id,
        String name,
        int area,
        int length,
        int x,
        int y,
        int width,
        int height,
        List<Integer> frames,
        List<Integer> cells) {
    public SpatialNeedle {
        frames = List.copyOf(frames);
        cells = List.copyOf(cells);
    }
}
