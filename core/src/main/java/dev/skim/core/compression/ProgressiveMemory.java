package dev.skim.core.compression;

/**
 * Capability of an operator whose per-stream state remembers what the stream emitted and measures
 * how new each frame is against it (progressive memory, as in PVC and TimeChat-Online). {@link
 * Chain#progress} and reports read frame novelty and keyframes through it, whatever the operator.
 */
public interface ProgressiveMemory {

    /** Mean novelty (0..1) of the last frame this operator's state saw; 1 for the first frame. */
    float frameNovelty(OperatorState state);

    /** Keyframes (first frames and scene cuts) this operator's state has counted. */
    long keyframes(OperatorState state);
}
