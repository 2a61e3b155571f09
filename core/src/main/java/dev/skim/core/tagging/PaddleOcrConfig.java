package dev.skim.core.tagging;

/**
 * Settings of a {@link PaddleOcrTagger}. Start from {@link #defaults()} and change fields with the
 * {@code withX} copies; every value is checked when the record is built, and the error names the
 * field.
 *
 * <p>Switching OCR off is the caller's decision: a compressor with OCR disabled does not open a
 * tagger at all (no models are loaded).
 *
 * @param detLimitSide the detector's input: the frame is scaled down (never up) so that its long
 *     side is at most this, then each side is rounded to a multiple of 32. Smaller is faster and
 *     misses small text
 * @param binaryThreshold DB: a pixel of the probability map is text when its probability is above
 *     this
 * @param boxThreshold DB: a candidate box is kept when the mean probability inside it is at least
 *     this
 * @param unclipRatio DB: how far a shrunk text kernel is grown back; the offset is {@code area *
 *     ratio / perimeter}
 * @param minTextScore a line is reported when the recogniser's mean character probability is at
 *     least this
 * @param maxLines at most this many boxes, the detector's best, are read per frame (bounds the cost
 *     of busy frames)
 * @param recMinWidth recognition crops are padded on the right to at least this width (PaddleOCR
 *     pads to 320, the width the recogniser was trained at); 0, the default, for no padding
 * @param recMaxWidth a crop wider than this at height 48 is squeezed to this width
 * @param recBatch crops recognised per model call
 * @param intraOpThreads ONNX Runtime threads per model call; 0 for the runtime's default
 */
public record PaddleOcrConfig(
        int detLimitSide,
        float binaryThreshold,
        float boxThreshold,
        float unclipRatio,
        float minTextScore,
        int maxLines,
        int recMinWidth,
        int recMaxWidth,
        int recBatch,
        int intraOpThreads) {

    public PaddleOcrConfig {
        atLeast("detLimitSide", detLimitSide, 32);
        fraction("binaryThreshold", binaryThreshold);
        fraction("boxThreshold", boxThreshold);
        if (!(unclipRatio >= 0f && unclipRatio <= 10f)) {
            throw new IllegalArgumentException(
                    "unclipRatio must be in [0, 10], was " + unclipRatio);
        }
        fraction("minTextScore", minTextScore);
        atLeast("maxLines", maxLines, 1);
        atLeast("recMinWidth", recMinWidth, 0);
        atLeast("recMaxWidth", recMaxWidth, PaddleOcrRecognizer.HEIGHT);
        atLeast("recBatch", recBatch, 1);
        atLeast("intraOpThreads", intraOpThreads, 0);
        if (recMinWidth > recMaxWidth) {
            throw new IllegalArgumentException(
                    "recMinWidth ("
                            + recMinWidth
                            + ") must not exceed recMaxWidth ("
                            + recMaxWidth
                            + ")");
        }
    }

    /**
     * The defaults: detector long side 640, DB thresholds 0.3 / 0.5 and unclip 1.6 (PaddleOCR's and
     * RapidOCR's for PP-OCRv4), text score 0.5, 16 lines, crops not padded and squeezed beyond
     * 1280, 6 crops a call (PaddleOCR's rec_batch_num), one thread.
     *
     * <p>Measured with {@code PaddleOcrBenchmark} (CPU time of one thread, 60 phrases on 20
     * photo-like 640x360 frames): a long side of 480 reads 52 of 60 (small text is lost) against 59
     * at 640 and 960; 960 costs 1.7x 640 on a 768x576 frame for nothing on 640-wide frames.
     * PaddleOCR pads crops to 320: padding to 0, 160 or 320 reads the same 59 of 60, and no padding
     * saves about a quarter of the frame's cost when it has text.
     */
    public static PaddleOcrConfig defaults() {
        return new PaddleOcrConfig(640, 0.3f, 0.5f, 1.6f, 0.5f, 16, 0, 1280, 6, 1);
    }

    public PaddleOcrConfig withDetLimitSide(int value) {
        return new PaddleOcrConfig(
                value,
                binaryThreshold,
                boxThreshold,
                unclipRatio,
                minTextScore,
                maxLines,
                recMinWidth,
                recMaxWidth,
                recBatch,
                intraOpThreads);
    }

    public PaddleOcrConfig withThresholds(float binary, float box) {
        return new PaddleOcrConfig(
                detLimitSide,
                binary,
                box,
                unclipRatio,
                minTextScore,
                maxLines,
                recMinWidth,
                recMaxWidth,
                recBatch,
                intraOpThreads);
    }

    public PaddleOcrConfig withUnclipRatio(float value) {
        return new PaddleOcrConfig(
                detLimitSide,
                binaryThreshold,
                boxThreshold,
                value,
                minTextScore,
                maxLines,
                recMinWidth,
                recMaxWidth,
                recBatch,
                intraOpThreads);
    }

    public PaddleOcrConfig withMinTextScore(float value) {
        return new PaddleOcrConfig(
                detLimitSide,
                binaryThreshold,
                boxThreshold,
                unclipRatio,
                value,
                maxLines,
                recMinWidth,
                recMaxWidth,
                recBatch,
                intraOpThreads);
    }

    public PaddleOcrConfig withMaxLines(int value) {
        return new PaddleOcrConfig(
                detLimitSide,
                binaryThreshold,
                boxThreshold,
                unclipRatio,
                minTextScore,
                value,
                recMinWidth,
                recMaxWidth,
                recBatch,
                intraOpThreads);
    }

    public PaddleOcrConfig withRecWidths(int min, int max) {
        return new PaddleOcrConfig(
                detLimitSide,
                binaryThreshold,
                boxThreshold,
                unclipRatio,
                minTextScore,
                maxLines,
                min,
                max,
                recBatch,
                intraOpThreads);
    }

    public PaddleOcrConfig withRecBatch(int value) {
        return new PaddleOcrConfig(
                detLimitSide,
                binaryThreshold,
                boxThreshold,
                unclipRatio,
                minTextScore,
                maxLines,
                recMinWidth,
                recMaxWidth,
                value,
                intraOpThreads);
    }

    public PaddleOcrConfig withIntraOpThreads(int value) {
        return new PaddleOcrConfig(
                detLimitSide,
                binaryThreshold,
                boxThreshold,
                unclipRatio,
                minTextScore,
                maxLines,
                recMinWidth,
                recMaxWidth,
                recBatch,
                value);
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    field + " must be at least " + min + ", was " + value);
        }
    }

    private static void fraction(String field, float value) {
        if (!(value >= 0f && value <= 1f)) {
            throw new IllegalArgumentException(field + " must be in [0, 1], was " + value);
        }
    }
}
