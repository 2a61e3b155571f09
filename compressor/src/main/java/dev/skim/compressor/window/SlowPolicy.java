package dev.skim.compressor.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which frames of a window get SLOW tokens (a large budget) and a keyframe. Every window has at
 * least one slow frame.
 */
public enum SlowPolicy {
    /** The window's first frames (lowest seq). */
    FIRST(Comparator.comparingLong(Candidate::seq)),
    /** The frames that changed most against the frame before them (ties: earliest). */
    MOST_NOVEL(
            Comparator.comparingDouble((Candidate c) -> -c.novelty())
                    .thenComparingLong(Candidate::seq)),
    /**
     * The scene cuts (novelty at or above the cut threshold), most novel first; a window without a
     * cut gets its first frame.
     */
    SCENE_CUT(
            Comparator.comparing((Candidate c) -> !c.cut())
                    .thenComparingDouble(c -> c.cut() ? -c.novelty() : 0.0)
                    .thenComparingLong(Candidate::seq));

    private final Comparator<Candidate> rank;

    SlowPolicy(Comparator<Candidate> rank) {
        this.rank = rank;
    }

    /**
     * The candidates after offering one more frame: at most {@code keep}, best first. A frame
     * already present (same seq) is replaced.
     */
    public List<Candidate> offer(List<Candidate> current, Candidate frame, int keep) {
        List<Candidate> next = new ArrayList<>(current.size() + 1);
        for (Candidate c : current) {
            if (c.seq() != frame.seq()) {
                next.add(c);
            }
        }
        next.add(frame);
        next.sort(rank);
        return next.size() > keep ? List.copyOf(next.subList(0, keep)) : List.copyOf(next);
    }

    /** The slow frames of a closed window among its candidates, in seq order. */
    public List<Candidate> select(List<Candidate> candidates) {
        List<Candidate> picked = new ArrayList<>(candidates);
        if (this == SCENE_CUT && picked.stream().anyMatch(Candidate::cut)) {
            picked.removeIf(c -> !c.cut());
        } else if (this == SCENE_CUT && !picked.isEmpty()) {
            picked = new ArrayList<>(List.of(picked.get(0)));
        }
        picked.sort(Comparator.comparingLong(Candidate::seq));
        return List.copyOf(picked);
    }

    /**
     * A frame that may become a slow frame.
     *
     * @param seq the frame's seq
     * @param ptsMillis its presentation time
     * @param novelty its novelty against the frame before it, 0..2
     * @param cut whether the novelty reaches the scene-cut threshold
     */
    public record Candidate(long seq, long ptsMillis, float novelty, boolean cut) {}
}
