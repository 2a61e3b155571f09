package dev.skim.bridge.search;

import java.util.Optional;

/**
 * Turns a short text into a unit vector whose cosine to another text's vector says how close their
 * meanings are. Not aligned with any vision encoder: it compares words with words (a question's
 * words with tag labels and text read in frames).
 */
public interface SentenceEncoder {

    /** A short name for logs and responses ({@code all-minilm-l6-v2-q}, {@code none}). */
    String name();

    /** The text's unit vector, or empty when no encoder is configured. */
    Optional<float[]> embed(String text);

    /** Cosine of two unit vectors. */
    static float cosine(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
