package dev.skim.core.tokens;

import java.util.List;
import java.util.Objects;

/**
 * The patch tokens of one frame as an encoder produced them: rows x cols tokens in row-major order,
 * plus optional extras the model exports.
 *
 * @param encoderId which encoder (and version) made the tokens
 * @param rows grid rows
 * @param cols grid columns
 * @param tokens rows*cols single-patch tokens, row-major, all of the same dimension
 * @param pooled a pooled / CLS vector for the whole frame, or null when the model has none
 * @param attention attention of the CLS token over the rows*cols patches, or null
 */
public record TokenGrid(
        String encoderId,
        int rows,
        int cols,
        List<Token> tokens,
        float[] pooled,
        float[] attention) {
    public TokenGrid {
        Objects.requireNonNull(encoderId, "encoderId");
        tokens = List.copyOf(tokens);
        if (tokens.size() != rows * cols) {
            throw new IllegalArgumentException(
                    "grid "
                            + rows
                            + "x"
                            + cols
                            + " needs "
                            + rows * cols
                            + " tokens, got "
                            + tokens.size());
        }
        if (attention != null && attention.length != tokens.size()) {
            throw new IllegalArgumentException(
                    "attention has "
                            + attention.length
                            + " entries for "
                            + tokens.size()
                            + " tokens");
        }
    }

    /** Vector dimension D. */
    public int dim() {
        return tokens.isEmpty() ? 0 : tokens.get(0).dim();
    }

    /** The token at (row, col). */
    public Token at(int row, int col) {
        return tokens.get(row * cols + col);
    }
}
