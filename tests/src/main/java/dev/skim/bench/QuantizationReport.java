package dev.skim.bench;

import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.WireVectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured error of the wire precisions on encoder-shaped tokens (a report, not a test): for FP16
 * and INT8, the worst and mean relative error per value (|x| > 1e-3), the mean relative L2 error
 * per token |x - x'| / |x|, the worst cosine loss 1 - cos(x, x'), and bytes per 64-token frame.
 *
 * <pre>
 * java -cp tests/target/classes:$(cat cp.txt) dev.skim.bench.QuantizationReport [frames=32] [dim=384]
 * </pre>
 */
public final class QuantizationReport {
    private QuantizationReport() {}

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        List<float[]> vectors = new ArrayList<>();
        for (List<Token> f : new SyntheticStream(14, 14, dim, 8, 3).frames(frames)) {
            for (Token t : f) {
                vectors.add(t.vector());
            }
        }
        System.out.printf("%d tokens x %d (synthetic post-ReLU features)%n", vectors.size(), dim);
        System.out.println(
                "| precision | bytes / 64 tokens | max rel. error per value | mean rel. L2 per token | max 1 - cos |");
        System.out.println("|---|---|---|---|---|");
        for (Precision p : Precision.values()) {
            List<float[]> back = WireVectors.encode(vectors, p).decode();
            double maxRel = 0;
            double l2 = 0;
            double cosLoss = 0;
            for (int t = 0; t < vectors.size(); t++) {
                float[] x = vectors.get(t);
                float[] y = back.get(t);
                double e2 = 0;
                double n2 = 0;
                double xy = 0;
                double y2 = 0;
                for (int i = 0; i < dim; i++) {
                    double e = y[i] - x[i];
                    if (Math.abs(x[i]) > 1e-3) {
                        maxRel = Math.max(maxRel, Math.abs(e) / Math.abs(x[i]));
                    }
                    e2 += e * e;
                    n2 += (double) x[i] * x[i];
                    xy += (double) x[i] * y[i];
                    y2 += (double) y[i] * y[i];
                }
                l2 += Math.sqrt(e2 / n2);
                cosLoss = Math.max(cosLoss, 1 - xy / Math.sqrt(n2 * y2));
            }
            System.out.printf(
                    "| %s | %d | %.2e | %.2e | %.2e |%n",
                    p, p.bytes(64, dim), maxRel, l2 / vectors.size(), cosLoss);
        }
    }
}
