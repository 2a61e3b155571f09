package dev.skim.eval;

import dev.skim.core.compression.Provenance;

/**
 * What one method kept of one frame, per patch, for a keep-map.
 *
 * @param frame stream frame
 * @param tokens tokens kept of this frame
 * @param cells per patch (row-major): {@link #DROPPED}, {@link #MERGED} (inside a token made of
 *     several patches) or {@link #KEPT} (kept as its own token)
 */
public record FrameKeep(int frame, int tokens, byte[] cells) {
    public static final byte DROPPED = 0;
    public static final byte MERGED = 1;
    public static final byte KEPT = 2;

    /** Reads a frame's provenance: a patch is KEPT when some row is that patch alone. */
    static FrameKeep of(int frame, Provenance w) {
        byte[] cells = new byte[w.inputs()];
        for (int r = 0; r < w.outputs(); r++) {
            int[] src = w.sources(r);
            byte kind = src.length == 1 ? KEPT : MERGED;
            for (int s : src) {
                cells[s] = (byte) Math.max(cells[s], kind);
            }
        }
        return new FrameKeep(frame, w.outputs(), cells);
    }
}
