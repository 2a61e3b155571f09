package dev.skim.core.tagging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * NanoDet's head outputs to boxes in input pixels (GFL decoding, then per-class NMS). Plain Java,
 * no model: {@code cls_s<s>} [1, rows * cols, 80] sigmoid class scores and {@code reg_s<s>} [1,
 * rows * cols, 4 * 11] box distributions for the strides s = 8, 16, 32.
 */
final class NanoDetDecoder {

    static final int[] STRIDES = {8, 16, 32};
    static final int REG_MAX = 10;
    private static final int BINS = REG_MAX + 1;

    /** A detection in input pixels: corners (x0, y0)-(x1, y1). */
    record Detection(int classId, float score, float x0, float y0, float x1, float y1) {}

    private NanoDetDecoder() {}

    /**
     * Decodes all levels of an input of {@code width x height} (multiples of 32) and keeps the best
     * {@code maxDetections} after per-class NMS.
     */
    static List<Detection> decode(
            Map<String, float[]> outputs,
            int width,
            int height,
            float scoreThreshold,
            float iouThreshold,
            int maxDetections) {
        List<Detection> candidates = new ArrayList<>();
        float[] dist = new float[4];
        for (int s : STRIDES) {
            int cols = width / s;
            int rows = height / s;
            float[] cls = output(outputs, "cls_s" + s);
            float[] reg = output(outputs, "reg_s" + s);
            int cells = rows * cols;
            if (cls.length % cells != 0 || reg.length != cells * 4 * BINS) {
                throw new TaggerException(
                        "NanoDet output at stride "
                                + s
                                + " has "
                                + cls.length
                                + " scores and "
                                + reg.length
                                + " box values for "
                                + cells
                                + " cells");
            }
            int classes = cls.length / cells;
            for (int cell = 0; cell < cells; cell++) {
                boolean decoded = false;
                for (int k = 0; k < classes; k++) {
                    float score = cls[cell * classes + k];
                    if (!(score > scoreThreshold)) {
                        continue;
                    }
                    if (!decoded) {
                        distances(reg, cell * 4 * BINS, s, dist);
                        decoded = true;
                    }
                    float cx = (cell % cols + 0.5f) * s;
                    float cy = (cell / cols + 0.5f) * s;
                    candidates.add(
                            new Detection(
                                    k,
                                    score,
                                    clamp(cx - dist[0], width),
                                    clamp(cy - dist[1], height),
                                    clamp(cx + dist[2], width),
                                    clamp(cy + dist[3], height)));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection c : candidates) {
            if (kept.size() >= maxDetections) {
                break;
            }
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.classId() == c.classId() && iou(k, c) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(c);
            }
        }
        return kept;
    }

    /** Left, top, right, bottom: stride x the expectation of each side's softmax over the bins. */
    private static void distances(float[] reg, int base, int stride, float[] out) {
        for (int side = 0; side < 4; side++) {
            int o = base + side * BINS;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < BINS; i++) {
                max = Math.max(max, reg[o + i]);
            }
            double sum = 0;
            double weighted = 0;
            for (int i = 0; i < BINS; i++) {
                double e = Math.exp(reg[o + i] - max);
                sum += e;
                weighted += i * e;
            }
            out[side] = (float) (weighted / sum * stride);
        }
    }

    static float iou(Detection a, Detection b) {
        float w = Math.max(0f, Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0()));
        float h = Math.max(0f, Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0()));
        float inter = w * h;
        float union =
                (a.x1() - a.x0()) * (a.y1() - a.y0())
                        + (b.x1() - b.x0()) * (b.y1() - b.y0())
                        - inter;
        return union > 0f ? inter / union : 0f;
    }

    private static float clamp(float v, int max) {
        return Math.max(0f, Math.min(max, v));
    }

    private static float[] output(Map<String, float[]> outputs, String name) {
        float[] data = outputs.get(name);
        if (data == null) {
            throw new TaggerException(
                    "NanoDet model has no output '" + name + "', only " + outputs.keySet());
        }
        return data;
    }
}
