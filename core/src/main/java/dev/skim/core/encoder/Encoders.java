package dev.skim.core.encoder;

import dev.skim.core.encoder.DjlEncoderConfig.Device;
import dev.skim.core.encoder.DjlEncoderConfig.InputLayout;
import dev.skim.core.encoder.DjlEncoderConfig.OutputLayout;
import dev.skim.core.encoder.DjlEncoderConfig.ResizeMode;
import dev.skim.core.encoder.DjlEncoderConfig.Rgb;
import dev.skim.core.encoder.DjlEncoderConfig.ValueRange;
import java.nio.file.Path;

/**
 * Ready-made encoders and documented configurations (DESIGN.md section 6).
 *
 * <ul>
 *   <li>{@link #mobilenetV2()}: the offline default, a real pretrained network shipped in this jar:
 *       MobileNetV2 (Sandler et al. 2018, "MobileNetV2: Inverted Residuals and Linear Bottlenecks")
 *       from nsfwjs@4.4.0, cut at {@code block_10_expand_relu}: 14x14 tokens of 384 dimensions plus
 *       their average as the pooled vector. Input RGB / 255 (see tools/model-converter/README.md
 *       for why [0, 1] and for the parity with TF.js).
 *   <li>{@link #classical()}: model-free descriptors, for tests and as a fallback.
 *   <li>{@link #clipVitB16(Path)}, {@link #siglipBase16(Path)}: configurations for the vision
 *       towers of CLIP ViT-B/16 (Radford et al. 2021) and SigLIP base patch16 224 (Zhai et al.
 *       2023) exported to ONNX (e.g. Hugging Face Optimum, {@code CLIPVisionModel} / {@code
 *       SiglipVisionModel}); the files need an internet download the first time.
 * </ul>
 */
public final class Encoders {

    /** Id of the offline default encoder, recorded in every token block. */
    public static final String MOBILENET_V2_ID = "mobilenetv2-nsfwjs440-block10";

    /** The shipped model, a class path resource of skim-core. */
    public static final String MOBILENET_V2_RESOURCE =
            "classpath:models/mobilenetv2-nsfwjs440-block10.onnx";

    /** SHA-256 of the shipped model (also in tools/model-converter/README.md). */
    public static final String MOBILENET_V2_SHA256 =
            "fb72eb603e7deaeb082207efd6c01eecb2d369a72048214e37098aa8c0bdefdf";

    private Encoders() {}

    /** The offline default on the CPU: 14x14 tokens of 384-d, pooled 384-d vector. */
    public static DjlFrameEncoder mobilenetV2() {
        return DjlFrameEncoder.open(mobilenetV2Config().build());
    }

    /**
     * The offline default's configuration, to adjust (device, batch, predictors) before building.
     * Frames are stretched to 224x224 (as nsfwjs does), so the grid covers the whole frame.
     */
    public static DjlEncoderConfig.Builder mobilenetV2Config() {
        return DjlEncoderConfig.builder()
                .setId(MOBILENET_V2_ID)
                .setModel(MOBILENET_V2_RESOURCE)
                .optModelSha256(MOBILENET_V2_SHA256)
                .optInputSize(224, 224)
                .optResize(ResizeMode.STRETCH)
                .optValueRange(ValueRange.UNIT)
                .optInputLayout(InputLayout.NCHW)
                .optInputName("input")
                .setTokensOutput("block_10_expand_relu", OutputLayout.FEATURE_MAP_NCHW)
                .optGrid(14, 14, 384)
                .optPooledOutput("block_10_expand_relu_gap")
                .optDevice(Device.CPU)
                .optMaxBatch(8)
                .optPredictors(1);
    }

    /** The default classical encoder: 14x14 patches over 224x224, 30-d descriptors. */
    public static ClassicalPatchEncoder classical() {
        return new ClassicalPatchEncoder();
    }

    /**
     * CLIP ViT-B/16 vision tower exported to ONNX: input {@code pixel_values} [N, 3, 224, 224],
     * shorter side to 224 and centre crop (bilinear here; CLIP used bicubic), RGB / 255 normalised
     * with CLIP's mean and std; tokens {@code last_hidden_state} [N, 197, 768] (CLS first,
     * dropped), pooled {@code pooler_output} [N, 768] (before the projection to 512).
     */
    public static DjlEncoderConfig.Builder clipVitB16(Path onnxFile) {
        return DjlEncoderConfig.builder()
                .setId("clip-vit-b16")
                .setModelPath(onnxFile)
                .optInputSize(224, 224)
                .optResize(ResizeMode.CENTER_CROP)
                .optValueRange(ValueRange.UNIT)
                .optNormalize(
                        new Rgb(0.48145466f, 0.4578275f, 0.40821073f),
                        new Rgb(0.26862954f, 0.26130258f, 0.27577711f))
                .optInputLayout(InputLayout.NCHW)
                .optInputName("pixel_values")
                .setTokensOutput("last_hidden_state", OutputLayout.TOKENS)
                .optGrid(14, 14, 768)
                .optPooledOutput("pooler_output");
    }

    /**
     * SigLIP base patch16 224 vision tower exported to ONNX: input {@code pixel_values} [N, 3, 224,
     * 224], stretched to 224x224, RGB / 255 with mean 0.5 and std 0.5 (that is [-1, 1]); tokens
     * {@code last_hidden_state} [N, 196, 768] (no CLS token), pooled {@code pooler_output} [N, 768]
     * (the attention-pooling head).
     */
    public static DjlEncoderConfig.Builder siglipBase16(Path onnxFile) {
        return DjlEncoderConfig.builder()
                .setId("siglip-base-patch16-224")
                .setModelPath(onnxFile)
                .optInputSize(224, 224)
                .optResize(ResizeMode.STRETCH)
                .optValueRange(ValueRange.SYMMETRIC)
                .optInputLayout(InputLayout.NCHW)
                .optInputName("pixel_values")
                .setTokensOutput("last_hidden_state", OutputLayout.TOKENS)
                .optGrid(14, 14, 768)
                .optPooledOutput("pooler_output");
    }
}
