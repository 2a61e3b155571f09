package dev.skim.core.encoder;

import dev.skim.core.encoder.DjlEncoderConfig.InputLayout;
import dev.skim.core.encoder.DjlEncoderConfig.ResizeMode;
import java.util.List;

/** Frames to one float input tensor, as a {@link DjlEncoderConfig} describes it. */
final class ImagePreprocessor {

    private final DjlEncoderConfig config;
    private final float[] scale = new float[3];
    private final float[] offset = new float[3];

    ImagePreprocessor(DjlEncoderConfig config) {
        this.config = config;
        // (range(v) - mean) / std folded into one multiply-add per value
        for (int c = 0; c < 3; c++) {
            float std = config.std().get(c);
            float zero = config.valueRange().apply(0f);
            float one = config.valueRange().apply(1f) - zero;
            scale[c] = one / std;
            offset[c] = (zero - config.mean().get(c)) / std;
        }
    }

    /** The tensor shape for a batch of {@code n}. */
    long[] shape(int n) {
        int w = config.inputWidth();
        int h = config.inputHeight();
        return config.inputLayout() == InputLayout.NCHW
                ? new long[] {n, 3, h, w}
                : new long[] {n, h, w, 3};
    }

    /** All images as one batch, in the configured layout. */
    float[] toTensor(List<RgbImage> images) {
        int w = config.inputWidth();
        int h = config.inputHeight();
        int plane = w * h;
        float[] out = new float[images.size() * plane * 3];
        for (int n = 0; n < images.size(); n++) {
            float[] rgb = resized(images.get(n));
            int base = n * plane * 3;
            if (config.inputLayout() == InputLayout.NCHW) {
                for (int p = 0; p < plane; p++) {
                    for (int c = 0; c < 3; c++) {
                        out[base + c * plane + p] = rgb[p * 3 + c] * scale[c] + offset[c];
                    }
                }
            } else {
                for (int p = 0; p < plane; p++) {
                    for (int c = 0; c < 3; c++) {
                        out[base + p * 3 + c] = rgb[p * 3 + c] * scale[c] + offset[c];
                    }
                }
            }
        }
        return out;
    }

    private float[] resized(RgbImage image) {
        int w = config.inputWidth();
        int h = config.inputHeight();
        if (config.resize() == ResizeMode.STRETCH) {
            return BilinearResize.toRgbFloats(image, w, h);
        }
        // largest centred rectangle of the input's aspect ratio
        float target = (float) w / h;
        float cropW = image.width();
        float cropH = image.height();
        if (cropW / cropH > target) {
            cropW = cropH * target;
        } else {
            cropH = cropW / target;
        }
        float x0 = (image.width() - cropW) / 2f;
        float y0 = (image.height() - cropH) / 2f;
        return BilinearResize.toRgbFloats(image, x0, y0, cropW, cropH, w, h);
    }
}
