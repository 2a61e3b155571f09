package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Grid pooling: the span-weighted mean of the tokens in each g x g cell of each frame.
 *
 * <p>From LLaVA-Video / TokenPacker (parameter-free form) and Matryoshka Multimodal Models (M3):
 * y_c = sum_{i in c} s_i x_i / sum_{i in c} s_i, position likewise, span = sum s_i. A pyramid of
 * cell sizes 1, 2, 4, 8 gives M3's nested levels (576, 144, 36, 9 tokens on a 24x24 grid). Use it
 * as the uniform baseline, for coarse base tokens, and for the fast tier. A token belongs to the
 * cell of floor(row / g), floor(col / g), so already-merged tokens (fractional positions) pool too.
 * Output is ordered by (frame, cell row, cell col); empty cells produce nothing.
 */
public final class GridPool extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("pool", "LLaVA-Video, TokenPacker, M3")
                    .summary("span-weighted mean of each g x g cell of each frame")
                    .example("pool(2)")
                    .param(Param.ofInt("g").withDefault("2").atLeast("1"))
                    .budget(
                            (a, in) -> {
                                int g = a.intValue("g");
                                return in.frames()
                                        * ((in.gridRows() + g - 1) / g)
                                        * ((in.gridCols() + g - 1) / g);
                            })
                    .factory(a -> new GridPool(a.intValue("g")));

    private final int cell;

    /**
     * @param cell cell size g in patches (g x g patches per output token), at least 1
     */
    public GridPool(int cell) {
        super(DEFINITION.arguments(cell));
        this.cell = cell;
    }

    /** The default 2x2 pooling (4x fewer tokens). */
    public GridPool() {
        this(2);
    }

    public int cell() {
        return cell;
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        int n = in.size();
        if (n == 0) {
            return Compressed.empty(0);
        }
        int cellRows = (ctx.gridRows() + cell - 1) / cell;
        int cellCols = (ctx.gridCols() + cell - 1) / cell;
        int minFrame = Integer.MAX_VALUE;
        for (Token t : in) {
            minFrame = Math.min(minFrame, t.frame());
        }
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            Token t = in.get(i);
            int r = clamp((int) Math.floor(t.row()) / cell, cellRows);
            int c = clamp((int) Math.floor(t.col()) / cell, cellCols);
            long key = ((long) (t.frame() - minFrame) * cellRows + r) * cellCols + c;
            keyed[i] = (key << 32) | i;
        }
        Arrays.sort(keyed);
        int dim = in.get(0).dim();
        List<Token> out = new ArrayList<>();
        Provenance.Builder w = Provenance.builder(n);
        int start = 0;
        while (start < n) {
            long key = keyed[start] >>> 32;
            int end = start;
            while (end < n && (keyed[end] >>> 32) == key) {
                end++;
            }
            out.add(mergeGroup(in, keyed, start, end, dim, w));
            start = end;
        }
        return new Compressed(out, w.build());
    }

    /**
     * A Matryoshka pyramid (M3): the same tokens pooled at each cell size, coarse levels nested in
     * fine ones, for example cells 1, 2, 4, 8 give 576, 144, 36, 9 tokens on a 24x24 grid. Each
     * level's provenance is over the input.
     */
    public static List<Compressed> pyramid(List<Token> in, OperatorContext ctx, int... cells) {
        List<Compressed> levels = new ArrayList<>(cells.length);
        for (int g : cells) {
            levels.add(new GridPool(g).apply(in, ctx));
        }
        return levels;
    }

    /** Span-weighted mean of in[keyed[start..end)] (low 32 bits are indices, ascending). */
    static Token mergeGroup(
            List<Token> in, long[] keyed, int start, int end, int dim, Provenance.Builder w) {
        int m = end - start;
        int[] src = new int[m];
        float total = 0f;
        for (int k = 0; k < m; k++) {
            src[k] = (int) keyed[start + k];
            total += in.get(src[k]).span();
        }
        float[] weights = new float[m];
        float[] v = new float[dim];
        double row = 0;
        double col = 0;
        int frame = Integer.MAX_VALUE;
        for (int k = 0; k < m; k++) {
            Token t = in.get(src[k]);
            float wk = t.span() / total;
            weights[k] = wk;
            VectorMath.addScaled(v, t.vector(), wk);
            row += wk * t.row();
            col += wk * t.col();
            frame = Math.min(frame, t.frame());
        }
        w.addSorted(src, weights);
        return new Token(v, frame, (float) row, (float) col, (int) total);
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}
