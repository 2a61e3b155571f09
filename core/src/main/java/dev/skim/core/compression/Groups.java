package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns an assignment of inputs to groups into merged tokens and their averaging W rows. */
final class Groups {
    private Groups() {}

    /**
     * One output per non-empty group: the span-weighted mean of its members (W row weights span_j /
     * sum of spans). Outputs are ordered by (frame, row, col). assignment[i] = -1 drops input i.
     */
    static Compressed merge(List<Token> in, int[] assignment, int groups) {
        int n = in.size();
        int[] sizes = new int[groups];
        for (int a : assignment) {
            if (a >= 0) {
                sizes[a]++;
            }
        }
        int[][] members = new int[groups][];
        for (int g = 0; g < groups; g++) {
            members[g] = new int[sizes[g]];
        }
        int[] fill = new int[groups];
        for (int i = 0; i < n; i++) {
            int a = assignment[i];
            if (a >= 0) {
                members[a][fill[a]++] = i;
            }
        }
        int[] spans = new int[n];
        for (int i = 0; i < n; i++) {
            spans[i] = in.get(i).span();
        }
        Provenance.Builder b = Provenance.builder(n);
        for (int g = 0; g < groups; g++) {
            if (members[g].length > 0) {
                b.addMean(members[g], spans);
            }
        }
        return ordered(in, b.build());
    }

    /** Applies W and reorders outputs (and rows) by (frame, row, col). */
    static Compressed ordered(List<Token> in, Provenance w) {
        List<Token> tokens = w.apply(in);
        Integer[] order = new Integer[tokens.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, c) -> comparePosition(tokens.get(a), tokens.get(c)));
        Provenance.Builder b = Provenance.builder(in.size());
        List<Token> out = new ArrayList<>(tokens.size());
        for (Integer o : order) {
            b.addSorted(w.sources(o), w.weights(o));
            out.add(tokens.get(o));
        }
        return new Compressed(out, b.build());
    }

    static int comparePosition(Token a, Token b) {
        int c = Integer.compare(a.frame(), b.frame());
        if (c == 0) {
            c = Float.compare(a.row(), b.row());
        }
        if (c == 0) {
            c = Float.compare(a.col(), b.col());
        }
        return c;
    }

    /** Input indices grouped by frame, frames in order of first appearance. */
    static List<int[]> byFrame(List<Token> in) {
        List<int[]> out = new ArrayList<>();
        int n = in.size();
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (done[i]) {
                continue;
            }
            int f = in.get(i).frame();
            int count = 0;
            int[] idx = new int[n - i];
            for (int j = i; j < n; j++) {
                if (!done[j] && in.get(j).frame() == f) {
                    idx[count++] = j;
                    done[j] = true;
                }
            }
            out.add(Arrays.copyOf(idx, count));
        }
        return out;
    }

    /** The sub-list of in at the given indices. */
    static List<Token> pick(List<Token> in, int[] idx) {
        List<Token> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(in.get(i));
        }
        return out;
    }
}
