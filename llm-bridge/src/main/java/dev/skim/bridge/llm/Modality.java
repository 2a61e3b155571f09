package dev.skim.bridge.llm;

/** What a backend takes besides text. */
public enum Modality {
    /** No model at all. */
    NONE,
    /** Keyframe images. */
    IMAGES,
    /** Precomputed visual token embeddings. */
    EMBEDDINGS
}
