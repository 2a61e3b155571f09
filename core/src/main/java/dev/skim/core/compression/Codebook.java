package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * A window's k-means codebook (VQToken / CenterCLIP): K centroid tokens and the index map that
 * sends every input position (t, row, col) to its centroid.
 *
 * @param centroids the K centroid tokens (span-weighted cluster means), ordered by (frame, row,
 *     col)
 * @param assignment for input i (in input order, hence for its (frame, row, col)) the index of its
 *     centroid in {@code centroids}
 * @param error mean quantisation error: mean_i (1 - cos(x_i, centroid of i))
 * @param provenance W: row c averages the members of centroid c
 */
public record Codebook(
        List<Token> centroids, int[] assignment, float error, Provenance provenance) {
    public Codebook {
        centroids = List.copyOf(centroids);
        assignment = assignment.clone();
    }

    @Override
    public int[] assignment() {
        return assignment.clone();
    }

    /** The centroid of the input at (frame, row, col), or -1 when no input had that position. */
    public int centroidAt(List<Token> inputs, int frame, int row, int col) {
        for (int i = 0; i < inputs.size(); i++) {
            Token t = inputs.get(i);
            if (t.frame() == frame && t.row() == row && t.col() == col) {
                return assignment[i];
            }
        }
        return -1;
    }
}
