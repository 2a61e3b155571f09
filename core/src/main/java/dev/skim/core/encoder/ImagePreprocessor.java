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

    /** All images as one batch, in the configured layout: resized and normalised in one pass. */
    float[] toTensor(List<RgbImage> images) {
        int w = config.inputWidth();
        int h = config.inputHeight();
        int plane = w * h;
        float[] out = new float[images.size() * plane * 3];
        boolean nchw = config.inputLayout() == InputLayout.NCHW;
        for (int n = 0; n < images.size(); n++) {
            RgbImage image = images.get(n);
            BilinearResize.resize(
                    image,
                    crop(image),
                    w,
                    h,
                    new BilinearResize.Target(
                            out, n * plane * 3, nchw ? 1 : 3, nchw ? plane : 1, scale, offset));
        }
        return out;
    }

    /** The whole image when stretching, else its largest centred rectangle of the input's ratio. */
    private BilinearResize.Crop crop(RgbImage image) {
        if (config.resize() == ResizeMode.STRETCH) {
            return BilinearResize.Crop.whole(image);
        }
        float target = (float) config.inputWidth() / config.inputHeight();
        float cropW = image.width();
        float cropH = image.height();
        if (cropW / cropH > target) {
            cropW = cropH * target;
        } else {
            cropH = cropW / target;
        }
        return new BilinearResize.Crop(
                (image.width() - cropW) / 2f, (image.height() - cropH) / 2f, cropW, cropH);
    }
}
