package dev.skim.bench;

import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.Fidelity;
import dev.skim.core.compression.OperatorContext;
import dev.skim.core.compression.TokenOperator;
import dev.skim.core.compression.VectorMath;
import dev.skim.core.encoder.Encoders;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import dev.skim.video.SourceFrame;
import dev.skim.video.source.VideoFileSource;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Fidelity of every operator and chain on a real video with the real encoder (a report, not a
 * test): at 4, 16 and 64 tokens a frame, time-local coverage and needle recall, against two
 * baselines at the same token count (uniform grid pooling; uniform frame subsampling).
 *
 * <ul>
 *   <li>Coverage: mean over every original token of frame t of the max cosine to any kept token of
 *       frames t-4..t+4 (what an LLM looking at a few seconds around t could see).
 *   <li>Needle: a distinctive synthetic image replaces the frame at a random time; the query is its
 *       own encoding (mean token); a hit when the kept token most similar to the query is from that
 *       frame (recall@1). Each trial compresses a 32-frame segment around the needle.
 * </ul>
 *
 * <pre>
 * java -cp tests/target/classes:$(cat cp.txt) dev.skim.bench.FidelityReport [video] [step=5] [frames=160] [trials=8]
 * </pre>
 */
public final class FidelityReport {
    private static final int RADIUS = 4;
    private static final int SEGMENT = 32;

    private FidelityReport() {}

    /** Compresses a list of frames (tokens per frame, frame index = position) into kept tokens. */
    private interface Method extends Function<List<List<Token>>, List<Token>> {}

    public static void main(String[] args) throws Exception {
        Path video = Path.of(args.length > 0 ? args[0] : "../shared/data/vtest.avi");
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int maxFrames = args.length > 2 ? Integer.parseInt(args[2]) : 160;
        int trials = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        List<RgbImage> images = read(video, step, maxFrames);
        List<List<Token>> frames;
        List<List<Token>> needles;
        int rows;
        int cols;
        String encoderId;
        try (FrameEncoder encoder = Encoders.mobilenetV2()) {
            frames = encode(encoder, images);
            List<RgbImage> needleImages = new ArrayList<>();
            for (int i = 0; i < trials; i++) {
                needleImages.add(needle(224, 224, i));
            }
            needles = encode(encoder, needleImages);
            rows = encoder.rows();
            cols = encoder.cols();
            encoderId = encoder.id();
        }
        System.out.printf(
                "video=%s step=%d frames=%d grid=%dx%d encoder=%s%n",
                video, step, frames.size(), rows, cols, encoderId);
        float[] frameChange = frameChanges(frames);
        float[] patchChange = patchChanges(frames);
        float gate = percentile(frameChange, 0.5);
        float min = percentile(patchChange, 0.9);
        System.out.printf(
                "frame change 1-cos(mean_t, mean_t-1): p10=%.5f p50=%.5f p90=%.5f max=%.5f%n",
                percentile(frameChange, 0.1),
                gate,
                percentile(frameChange, 0.9),
                percentile(frameChange, 1.0));
        System.out.printf(
                "patch change 1-cos(x_t,i, x_t-1,i): p10=%.4f p50=%.4f p90=%.4f%n",
                percentile(patchChange, 0.1), percentile(patchChange, 0.5), min);
        System.out.println(
                "| budget | method | tokens/frame | coverage | needle recall@1 | mean frame error |");
        System.out.println("|---|---|---|---|---|---|");
        for (int budget : new int[] {4, 16, 64}) {
            for (Map.Entry<String, Method> m : methods(budget, rows, cols, gate, min).entrySet()) {
                row(budget, m.getKey(), m.getValue(), frames, needles, trials);
            }
        }
    }

    /** One row of the table: a method's coverage and needle recall at one budget. */
    private static void row(
            int budget,
            String name,
            Method method,
            List<List<Token>> frames,
            List<List<Token>> needles,
            int trials) {
        List<Token> kept = method.apply(frames);
        double coverage = timeLocalCoverage(frames, kept);
        SplittableRandom rnd = new SplittableRandom(budget * 31L);
        int hits = 0;
        long frameError = 0;
        for (int j = 0; j < trials; j++) {
            int start = rnd.nextInt(Math.max(1, frames.size() - SEGMENT + 1));
            int at = rnd.nextInt(Math.min(SEGMENT, frames.size()));
            List<List<Token>> segment = segment(frames, start, needles.get(j), at);
            List<Token> stored = method.apply(segment);
            float[] query = mean(needles.get(j));
            Fidelity.Needle n = Fidelity.needle(stored, query, at);
            hits += n.hit() ? 1 : 0;
            frameError += Math.min(n.frameError(), SEGMENT);
        }
        System.out.printf(
                "| %d | %s | %.1f | %.4f | %d/%d | %.1f |%n",
                budget,
                name,
                kept.size() / (double) frames.size(),
                coverage,
                hits,
                trials,
                frameError / (double) trials);
    }

    /** 1 - cos between the mean tokens of consecutive frames. */
    private static float[] frameChanges(List<List<Token>> frames) {
        float[] out = new float[frames.size() - 1];
        for (int t = 1; t < frames.size(); t++) {
            out[t - 1] = 1f - VectorMath.cosine(mean(frames.get(t)), mean(frames.get(t - 1)));
        }
        return out;
    }

    /** 1 - cos between the same patch in consecutive frames. */
    private static float[] patchChanges(List<List<Token>> frames) {
        int n = frames.get(0).size();
        float[] out = new float[(frames.size() - 1) * n];
        for (int t = 1; t < frames.size(); t++) {
            for (int i = 0; i < n; i++) {
                out[(t - 1) * n + i] =
                        1f
                                - VectorMath.cosine(
                                        frames.get(t).get(i).vector(),
                                        frames.get(t - 1).get(i).vector());
            }
        }
        return out;
    }

    private static float percentile(float[] values, double p) {
        float[] s = values.clone();
        java.util.Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(p * (s.length - 1)))];
    }

    private static Map<String, Method> methods(int b, int rows, int cols, float gate, float min) {
        Map<String, Method> m = new LinkedHashMap<>();
        int g = 1;
        while (((rows + g - 1) / g) * ((cols + g - 1) / g) > b) {
            g++;
        }
        int every = Math.max(1, Math.round(rows * cols / (float) b));
        m.put("baseline: pool(" + g + ")", perFrame("pool(" + g + ")", rows, cols));
        m.put("baseline: every " + every + "th frame", fr -> subsample(fr, every));
        m.put("divprune(" + b + ")", perFrame("divprune(" + b + ")", rows, cols));
        m.put("kcenter(" + b + ")", perFrame("kcenter(" + b + ")", rows, cols));
        m.put("kcenter(" + b + ", cells)", perFrame("kcenter(" + b + ", cells=true)", rows, cols));
        m.put("merge(" + b + ")", perFrame("merge(" + b + ")", rows, cols));
        int base = Math.max(1, b / 4);
        m.put(
                "novelty(" + b + ", base=" + base + ")",
                perFrame("novelty(" + b + ", base=" + base + ")", rows, cols));
        String chain = "gate(0.02) > novelty(" + b + ", base=" + base + ") > divprune(" + b + ")";
        m.put("chain " + chain, perFrame(chain, rows, cols));
        String tuned =
                String.format(
                        java.util.Locale.ROOT,
                        "gate(%.5f) > novelty(%d, base=%d, min=%.4f) > divprune(%d)",
                        gate,
                        b,
                        base,
                        min,
                        b);
        m.put("chain tuned on this video: " + tuned, perFrame(tuned, rows, cols));
        String cells =
                String.format(
                        java.util.Locale.ROOT,
                        "gate(%.5f) > novelty(%d, base=%d, min=%.4f, scope=cell) > divprune(%d)",
                        gate,
                        b,
                        base,
                        min,
                        b);
        m.put("chain tuned, cell scope: " + cells, perFrame(cells, rows, cols));
        m.put(
                "kmeans(" + 8 * b + ") per 8 frames",
                windowed("kmeans(" + 8 * b + ")", 8, rows, cols));
        m.put(
                "divprune(" + 8 * b + ") per 8 frames",
                windowed("divprune(" + 8 * b + ", seed=mean)", 8, rows, cols));
        return m;
    }

    /** A chain applied frame by frame with its per-stream state carried along. */
    private static Method perFrame(String spec, int rows, int cols) {
        Chain chain = ChainSpec.parse(spec);
        return fr -> {
            List<Token> out = new ArrayList<>();
            ChainState state = null;
            for (List<Token> f : fr) {
                ChainResult r = chain.apply(f, OperatorContext.of(rows, cols), state);
                state = r.state();
                out.addAll(r.tokens());
            }
            return out;
        };
    }

    private static Method windowed(String spec, int window, int rows, int cols) {
        TokenOperator op = ChainSpec.parse(spec).operators().get(0);
        return fr -> {
            List<Token> out = new ArrayList<>();
            for (int s = 0; s < fr.size(); s += window) {
                List<Token> w = new ArrayList<>();
                for (List<Token> f : fr.subList(s, Math.min(fr.size(), s + window))) {
                    w.addAll(f);
                }
                out.addAll(op.apply(w, OperatorContext.of(rows, cols)).tokens());
            }
            return out;
        };
    }

    private static List<Token> subsample(List<List<Token>> fr, int every) {
        List<Token> out = new ArrayList<>();
        for (int t = 0; t < fr.size(); t += every) {
            out.addAll(fr.get(t));
        }
        return out;
    }

    private static double timeLocalCoverage(List<List<Token>> frames, List<Token> kept) {
        List<List<Token>> byFrame = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) {
            byFrame.add(new ArrayList<>());
        }
        for (Token k : kept) {
            byFrame.get(k.frame()).add(k);
        }
        double sum = 0;
        for (int t = 0; t < frames.size(); t++) {
            List<Token> near = new ArrayList<>();
            for (int u = Math.max(0, t - RADIUS);
                    u <= Math.min(frames.size() - 1, t + RADIUS);
                    u++) {
                near.addAll(byFrame.get(u));
            }
            sum += Fidelity.coverage(frames.get(t), near);
        }
        return sum / frames.size();
    }

    /** Frames [start, start + SEGMENT) renumbered from 0, with the needle's tokens at frame at. */
    private static List<List<Token>> segment(
            List<List<Token>> frames, int start, List<Token> needle, int at) {
        List<List<Token>> out = new ArrayList<>();
        for (int i = 0; i < SEGMENT && start + i < frames.size(); i++) {
            List<Token> src = i == at ? needle : frames.get(start + i);
            List<Token> f = new ArrayList<>(src.size());
            for (Token t : src) {
                f.add(new Token(t.vector(), i, t.row(), t.col(), t.span()));
            }
            out.add(f);
        }
        return out;
    }

    private static float[] mean(List<Token> tokens) {
        float[] m = new float[tokens.get(0).dim()];
        for (Token t : tokens) {
            for (int i = 0; i < m.length; i++) {
                m[i] += t.vector()[i] / tokens.size();
            }
        }
        return m;
    }

    private static List<List<Token>> encode(FrameEncoder encoder, List<RgbImage> images) {
        List<List<Token>> out = new ArrayList<>();
        for (int s = 0; s < images.size(); s += 8) {
            for (TokenGrid g :
                    encoder.encodeBatch(images.subList(s, Math.min(images.size(), s + 8)))) {
                int t = out.size();
                List<Token> f = new ArrayList<>(g.tokens().size());
                for (Token tok : g.tokens()) {
                    f.add(new Token(tok.vector(), t, tok.row(), tok.col(), tok.span()));
                }
                out.add(f);
            }
        }
        return out;
    }

    private static List<RgbImage> read(Path video, int step, int maxFrames) {
        List<RgbImage> out = new ArrayList<>();
        try (VideoFileSource source = VideoFileSource.open(video)) {
            int i = 0;
            for (Optional<SourceFrame> f = source.next();
                    f.isPresent() && out.size() < maxFrames;
                    f = source.next()) {
                if (i++ % step == 0) {
                    out.add(rgb(f.get().image()));
                }
            }
        }
        return out;
    }

    private static RgbImage rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int p = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = img.getRGB(x, y);
                rgb[p++] = (byte) (c >> 16);
                rgb[p++] = (byte) (c >> 8);
                rgb[p++] = (byte) c;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** A distinctive synthetic picture: coloured discs on a checkerboard, different per index. */
    static RgbImage needle(int w, int h, int index) {
        SplittableRandom rnd = new SplittableRandom(1000 + index);
        int cell = 8 + rnd.nextInt(24);
        int[] a = {rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)};
        int[] b = {rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)};
        byte[] rgb = new byte[w * h * 3];
        int discs = 3 + rnd.nextInt(4);
        int[][] d = new int[discs][];
        for (int k = 0; k < discs; k++) {
            d[k] =
                    new int[] {
                        rnd.nextInt(w),
                        rnd.nextInt(h),
                        15 + rnd.nextInt(40),
                        rnd.nextInt(256),
                        rnd.nextInt(256),
                        rnd.nextInt(256)
                    };
        }
        int p = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = ((x / cell + y / cell) % 2 == 0) ? a : b;
                int r = c[0];
                int g = c[1];
                int bl = c[2];
                for (int[] disc : d) {
                    int dx = x - disc[0];
                    int dy = y - disc[1];
                    if (dx * dx + dy * dy < disc[2] * disc[2]) {
                        r = disc[3];
                        g = disc[4];
                        bl = disc[5];
                    }
                }
                rgb[p++] = (byte) r;
                rgb[p++] = (byte) g;
                rgb[p++] = (byte) bl;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
