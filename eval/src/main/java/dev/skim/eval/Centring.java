package dev.skim.eval;

import dev.skim.core.compression.VectorMath;
import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The cosine the metrics use: plain, or centred. For non-negative (post-ReLU) features every cosine
 * is high, so coverage and needle scores barely separate good from bad; centred cosine subtracts
 * the video's mean token m from both sides first: cos(x - m, y - m). Metric-only: the operators
 * always see the plain tokens.
 */
final class Centring {
    /** Plain cosine. */
    static final Centring NONE = new Centring(null);

    private final float[] mean;

    private Centring(float[] mean) {
        this.mean = mean;
    }

    /**
     * Centred on the video's mean token: the mean of every encoder token of the video's own frames
     * (whole-frame needles left out; all frames when there is nothing else).
     */
    static Centring of(EncodedVideo video) {
        float[] sum = new float[video.dim()];
        long count = 0;
        for (boolean needlesToo : new boolean[] {false, true}) {
            for (EncodedFrame f : video.frames()) {
                if (needlesToo || f.needle() < 0) {
                    for (Token t : f.tokens()) {
                        VectorMath.addScaled(sum, t.vector(), 1f);
                        count++;
                    }
                }
            }
            if (count > 0) {
                break;
            }
        }
        return centredOn(count == 0 ? sum : scaled(sum, 1f / count));
    }

    /** Centred on a given mean token. */
    static Centring centredOn(float[] mean) {
        return new Centring(mean.clone());
    }

    private static float[] scaled(float[] v, float s) {
        float[] out = new float[v.length];
        VectorMath.addScaled(out, v, s);
        return out;
    }

    boolean centred() {
        return mean != null;
    }

    /** The mean token subtracted, or null for plain cosine. */
    float[] mean() {
        return mean == null ? null : mean.clone();
    }

    /** v - m (a copy), or v itself for plain cosine or a vector of another length. */
    float[] shift(float[] v) {
        if (mean == null || v.length != mean.length) {
            return v;
        }
        float[] out = v.clone();
        VectorMath.addScaled(out, mean, -1f);
        return out;
    }

    /** The token with its vector shifted. */
    Token shift(Token t) {
        return mean == null
                ? t
                : new Token(shift(t.vector()), t.frame(), t.row(), t.col(), t.span());
    }

    /** Every token shifted. */
    List<Token> shift(List<Token> tokens) {
        if (mean == null) {
            return tokens;
        }
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(shift(t));
        }
        return out;
    }

    /** cos(a - m, b - m), or cos(a, b) for plain cosine (0 when either side is zero). */
    double cosine(float[] a, float[] b) {
        return VectorMath.cosine(shift(a), shift(b));
    }
}
