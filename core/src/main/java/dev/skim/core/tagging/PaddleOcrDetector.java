package dev.skim.core.tagging;

import dev.skim.core.encoder.DjlTensorModel;
import dev.skim.core.encoder.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Text detection with PP-OCRv4's DB detector (Liao et al., "Real-time Scene Text Detection with
 * Differentiable Binarization", AAAI 2020).
 *
 * <p>Pre-processing as PaddleOCR's {@code DetResizeForTest} (limit type "max") and {@code
 * NormalizeImage}: the frame is scaled by {@code r = min(1, limit / max(w, h))}, each side rounded
 * to the nearest multiple of 32 (at least 32), and each BGR value becomes {@code (v / 255 - mean) /
 * std} with mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).
 *
 * <p>The network outputs a text probability map P of the input's size. DB trains an approximate
 * binarisation {@code 1 / (1 + exp(-k (P - T)))} with a learned threshold map T; at inference the
 * threshold branch is dropped and P is binarised with a fixed threshold. The text regions in P are
 * shrunk kernels: training shrinks each polygon by {@code D = A (1 - r^2) / L} (A its area, L its
 * perimeter, r = 0.4), so each region found is grown back by {@code D' = A' * unclipRatio / L'}.
 *
 * <p>Post-processing (after PaddleOCR's {@code DBPostProcess}, simplified): binarise P at {@code
 * binaryThreshold}, dilate with a 2 x 2 kernel (RapidOCR's {@code use_dilation}), find 8-connected
 * components (instead of OpenCV contours, which core does not have), score each by the mean of P
 * over its pixels (PaddleOCR's "slow" score mode: the mean inside the contour), drop those under
 * {@code boxThreshold} or with a side under 3 pixels, and grow the component's <b>axis-aligned</b>
 * bounding box by D' on each side. PaddleOCR fits a rotated minimum-area rectangle and grows the
 * polygon with a clipper; axis-aligned boxes are simpler and exact for horizontal text, and cost
 * some background on slanted text.
 */
final class PaddleOcrDetector {

    static final String MODEL = "models/ch_PP-OCRv4_det_infer.onnx";
    static final String MODEL_SHA256 =
            "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9";

    private static final float[] SCALE = {1 / 0.229f, 1 / 0.224f, 1 / 0.225f};
    private static final float[] OFFSET = {-0.485f / 0.229f, -0.456f / 0.224f, -0.406f / 0.225f};
    private static final int MIN_SIZE = 3;
    private static final int MAX_CANDIDATES = 1000;

    /** A text box in frame pixels, corners (x0, y0)-(x1, y1), and its DB score. */
    record Box(float x0, float y0, float x1, float y1, float score) {
        float width() {
            return x1 - x0;
        }

        float height() {
            return y1 - y0;
        }
    }

    private final DjlTensorModel model;
    private final PaddleOcrConfig config;

    PaddleOcrDetector(DjlTensorModel model, PaddleOcrConfig config) {
        this.model = model;
        this.config = config;
    }

    /** The detector input's width and height for a frame. */
    static int[] inputSize(int width, int height, int limitSide) {
        double ratio = Math.min(1.0, (double) limitSide / Math.max(width, height));
        int w = Math.max(32, (int) Math.round(width * ratio / 32) * 32);
        int h = Math.max(32, (int) Math.round(height * ratio / 32) * 32);
        return new int[] {w, h};
    }

    /** The one output of a PP-OCR model. */
    static DjlTensorModel.Tensor only(java.util.Map<String, DjlTensorModel.Tensor> outputs) {
        if (outputs.isEmpty()) {
            throw new TaggerException("OCR model: no output");
        }
        return outputs.values().iterator().next();
    }

    /** The text boxes of a frame, best score first. */
    List<Box> detect(RgbImage image) {
        int[] size = inputSize(image.width(), image.height(), config.detLimitSide());
        int w = size[0];
        int h = size[1];
        float[] input = new float[3 * w * h];
        OcrResample.into(
                image, OcrResample.Source.whole(image), w, h, input, 0, w, w * h, SCALE, OFFSET);
        DjlTensorModel.Tensor out = only(model.run(input, new long[] {1, 3, h, w}));
        long[] shape = out.shape();
        if (shape.length != 4 || shape[2] != h || shape[3] != w) {
            throw new TaggerException(
                    "OCR detector: expected a probability map [1, 1, "
                            + h
                            + ", "
                            + w
                            + "], got "
                            + java.util.Arrays.toString(shape));
        }
        return boxes(
                out.data(),
                w,
                h,
                (float) image.width() / w,
                (float) image.height() / h,
                image.width(),
                image.height());
    }

    /**
     * Boxes from a w x h probability map, scaled by (sx, sy) to a frame of frameW x frameH.
     * Package-private for tests of the post-processing alone.
     */
    List<Box> boxes(float[] prob, int w, int h, float sx, float sy, int frameW, int frameH) {
        boolean[] mask = dilatedMask(prob, w, h, config.binaryThreshold());
        int[] label = new int[w * h];
        int[] stack = new int[w * h];
        List<Box> found = new ArrayList<>();
        int components = 0;
        for (int start = 0; start < w * h && components < MAX_CANDIDATES; start++) {
            if (!mask[start] || label[start] != 0) {
                continue;
            }
            components++;
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            double sum = 0;
            int count = 0;
            int top = 0;
            stack[top++] = start;
            label[start] = components;
            while (top > 0) {
                int p = stack[--top];
                int x = p % w;
                int y = p / w;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                sum += prob[p];
                count++;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        if (nx < 0 || nx >= w) {
                            continue;
                        }
                        int q = ny * w + nx;
                        if (mask[q] && label[q] == 0) {
                            label[q] = components;
                            stack[top++] = q;
                        }
                    }
                }
            }
            int bw = maxX - minX + 1;
            int bh = maxY - minY + 1;
            float score = (float) (sum / count);
            if (Math.min(bw, bh) < MIN_SIZE || score < config.boxThreshold()) {
                continue;
            }
            double d = (double) bw * bh * config.unclipRatio() / (2.0 * (bw + bh));
            double x0 = minX - d;
            double y0 = minY - d;
            double x1 = maxX + 1 + d;
            double y1 = maxY + 1 + d;
            if (Math.min(x1 - x0, y1 - y0) < MIN_SIZE + 2) {
                continue;
            }
            found.add(
                    new Box(
                            (float) Math.max(0, x0 * sx),
                            (float) Math.max(0, y0 * sy),
                            (float) Math.min(frameW, x1 * sx),
                            (float) Math.min(frameH, y1 * sy),
                            Math.min(1f, score)));
        }
        found.sort(Comparator.comparingDouble(Box::score).reversed());
        return found;
    }

    /**
     * P > threshold, dilated by a 2 x 2 kernel (a pixel is set when it or its up/left ones are).
     */
    private static boolean[] dilatedMask(float[] prob, int w, int h, float threshold) {
        boolean[] mask = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                mask[p] =
                        prob[p] > threshold
                                || (x > 0 && prob[p - 1] > threshold)
                                || (y > 0 && prob[p - w] > threshold)
                                || (x > 0 && y > 0 && prob[p - w - 1] > threshold);
            }
        }
        return mask;
    }
}
