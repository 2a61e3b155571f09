package dev.skim.core.tagging;

/**
 * Settings of a {@link NanoDetTagger}. {@link #defaults()}: input side 416 (the size NanoDet-g was
 * trained and evaluated at), score threshold 0.35 (NanoDet's demo threshold), NMS IoU 0.6
 * (NanoDet's evaluation setting), at most 20 tags a frame, 2 ONNX Runtime threads.
 *
 * @param inputSide the longer side of the frame is scaled to this many pixels (the shorter one
 *     keeps the aspect ratio) and the canvas is padded up to multiples of 32; a multiple of 32,
 *     32..1024
 * @param scoreThreshold class scores at or below this are dropped, 0..1
 * @param iouThreshold within a class, a box overlapping a better one by more than this (IoU) is
 *     dropped, 0..1
 * @param maxTags at most this many tags a frame, best first, at least 1
 * @param intraOpThreads ONNX Runtime intra-op threads, 0 for its default
 */
public record NanoDetConfig(
        int inputSide, float scoreThreshold, float iouThreshold, int maxTags, int intraOpThreads) {

    public NanoDetConfig {
        if (inputSide < 32 || inputSide > 1024 || inputSide % 32 != 0) {
            throw new IllegalArgumentException(
                    "inputSide must be a multiple of 32 in 32..1024, was " + inputSide);
        }
        if (!(scoreThreshold >= 0f && scoreThreshold <= 1f)) {
            throw new IllegalArgumentException(
                    "scoreThreshold must be in [0, 1], was " + scoreThreshold);
        }
        if (!(iouThreshold >= 0f && iouThreshold <= 1f)) {
            throw new IllegalArgumentException(
                    "iouThreshold must be in [0, 1], was " + iouThreshold);
        }
        if (maxTags < 1) {
            throw new IllegalArgumentException("maxTags must be at least 1, was " + maxTags);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "intraOpThreads must not be negative, was " + intraOpThreads);
        }
    }

    /** Input side 416, score threshold 0.35, IoU 0.6, 20 tags, 2 threads. */
    public static NanoDetConfig defaults() {
        return new NanoDetConfig(416, 0.35f, 0.6f, 20, 2);
    }

    public NanoDetConfig withInputSide(int side) {
        return new NanoDetConfig(side, scoreThreshold, iouThreshold, maxTags, intraOpThreads);
    }

    public NanoDetConfig withScoreThreshold(float threshold) {
        return new NanoDetConfig(inputSide, threshold, iouThreshold, maxTags, intraOpThreads);
    }

    public NanoDetConfig withIouThreshold(float threshold) {
        return new NanoDetConfig(inputSide, scoreThreshold, threshold, maxTags, intraOpThreads);
    }

    public NanoDetConfig withMaxTags(int max) {
        return new NanoDetConfig(inputSide, scoreThreshold, iouThreshold, max, intraOpThreads);
    }

    public NanoDetConfig withIntraOpThreads(int threads) {
        return new NanoDetConfig(inputSide, scoreThreshold, iouThreshold, maxTags, threads);
    }
}
