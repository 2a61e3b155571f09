package dev.skim.eval;

/**
 * Splits a rows x cols patch grid into exactly n near-equal rectangular cells: r bands of rows (r
 * close to sqrt(n * rows / cols)), each band cut into about n / r column ranges. For n = 4, 16, 64
 * on 14x14 this is 2x2, 4x4 and 8x8 cells: the uniform grid pooling of LLaVA-Video / M3 at any
 * token count, not only at divisors of the grid.
 */
final class UniformCells {
    private UniformCells() {}

    /**
     * Cell of every patch (row-major), cells numbered row band by row band, left to right.
     *
     * @param n cells, 0..rows*cols (0 gives every patch -1)
     */
    static int[] assign(int rows, int cols, int n) {
        int[] cell = new int[rows * cols];
        if (n <= 0) {
            java.util.Arrays.fill(cell, -1);
            return cell;
        }
        if (n > rows * cols) {
            throw new IllegalArgumentException(
                    n + " cells do not fit a " + rows + "x" + cols + " grid");
        }
        int bands = (int) Math.round(Math.sqrt(n * (double) rows / cols));
        bands = Math.max(bands, (n + cols - 1) / cols);
        bands = Math.max(1, Math.min(Math.min(bands, rows), n));
        int first = 0;
        for (int b = 0; b < bands; b++) {
            int inBand = (int) ((long) (b + 1) * n / bands - (long) b * n / bands);
            int rowFrom = b * rows / bands;
            int rowTo = (b + 1) * rows / bands;
            for (int r = rowFrom; r < rowTo; r++) {
                for (int c = 0; c < cols; c++) {
                    cell[r * cols + c] = first + (int) ((long) c * inBand / cols);
                }
            }
            first += inBand;
        }
        return cell;
    }
}
