package dev.skim.core.tokens;

import java.util.Objects;

/**
 * One visual token: a D-dimensional vector and where it came from.
 *
 * <p>Positions are (frame, row, col) on the encoder's patch grid. A token made by merging several
 * source patches has fractional row/col (the span-weighted mean of its sources) and {@code span}
 * equal to the number of source patches it stands for.
 *
 * @param vector the embedding; never modified after construction by convention (not copied, for
 *     speed)
 * @param frame the frame's index within the set being compressed (or its seq, by the caller's
 *     convention)
 * @param row grid row (0 at the top)
 * @param col grid column (0 at the left)
 * @param span number of source patches this token covers, at least 1
 */
public record Token(float[] vector, int frame, float row, float col, int span) {
    public Token {
        Objects.requireNonNull(vector, "vector");
        if (span < 1) {
            throw new IllegalArgumentException("span must be >= 1, was " + span);
        }
    }

    /** A single-patch token at an integer grid position. */
    public static Token patch(float[] vector, int frame, int row, int col) {
        return new Token(vector, frame, row, col, 1);
    }

    public int dim() {
        return vector.length;
    }
}
