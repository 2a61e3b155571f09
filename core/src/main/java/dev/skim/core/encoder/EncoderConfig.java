package dev.skim.core.encoder;

import dev.skim.core.encoder.DjlEncoderConfig.Device;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which encoder to build and how it runs, in the shape of an application's configuration (one name,
 * one optional model location, device and batching); {@link EncoderFactory} builds it.
 *
 * <p>Names: {@code classical} (model-free descriptors), {@code mobilenetv2} (the shipped offline
 * default), {@code onnx} and {@code torchscript} (a model file or URL in {@code model}; the tokens
 * are its first output, a [N, D, rows, cols] feature map of a 224x224 RGB / 255 input, unless
 * {@code custom} describes it), {@code clip-vit-b16} and {@code siglip-base16} (ONNX exports of
 * those vision towers in {@code model}, see {@link Encoders}).
 *
 * @param name one of {@link #NAMES}, any case
 * @param model model path or URL; required by onnx, torchscript, clip-vit-b16 and siglip-base16,
 *     and refused by the others
 * @param device where a model runs (ignored by classical)
 * @param maxBatch most frames per model call
 * @param maxWait how long single frames wait to be batched together; zero turns micro-batching off
 * @param predictors concurrent model calls
 * @param intraOpThreads threads per model call, 0 for the runtime's default
 * @param custom a full model description for onnx / torchscript (its model, device and batching
 *     fields are replaced by the ones above), or null for the defaults
 */
public record EncoderConfig(
        String name,
        String model,
        Device device,
        int maxBatch,
        Duration maxWait,
        int predictors,
        int intraOpThreads,
        DjlEncoderConfig custom) {

    /** The encoder names {@link EncoderFactory} knows. */
    public static final List<String> NAMES =
            List.of(
                    "classical",
                    "mobilenetv2",
                    "onnx",
                    "torchscript",
                    "clip-vit-b16",
                    "siglip-base16");

    public EncoderConfig {
        Objects.requireNonNull(name, "name");
        name = name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown encoder '" + name + "'; known encoders: " + String.join(", ", NAMES));
        }
        if (model != null && model.isBlank()) {
            model = null;
        }
        boolean needsModel = !name.equals("classical") && !name.equals("mobilenetv2");
        if (needsModel && model == null) {
            throw new IllegalArgumentException(
                    "encoder '" + name + "' needs a model (a path or URL of the model file)");
        }
        if (!needsModel && model != null) {
            throw new IllegalArgumentException(
                    "encoder '"
                            + name
                            + "' uses no model file, but model '"
                            + model
                            + "' was given; use onnx or torchscript for your own model");
        }
        if (custom != null && !name.equals("onnx") && !name.equals("torchscript")) {
            throw new IllegalArgumentException(
                    "a custom model description only applies to onnx and torchscript, not '"
                            + name
                            + "'");
        }
        Objects.requireNonNull(device, "device");
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("maxBatch must be positive, was " + maxBatch);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        if (predictors <= 0) {
            throw new IllegalArgumentException("predictors must be positive, was " + predictors);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "intraOpThreads must be >= 0, was " + intraOpThreads);
        }
    }

    /** The named encoder on the CPU, batches of up to 8, no micro-batching, one predictor. */
    public static EncoderConfig of(String name) {
        return new EncoderConfig(name, null, Device.CPU, 8, Duration.ZERO, 1, 0, null);
    }

    /** The named encoder with a model file or URL, otherwise as {@link #of(String)}. */
    public static EncoderConfig of(String name, String model) {
        return new EncoderConfig(name, model, Device.CPU, 8, Duration.ZERO, 1, 0, null);
    }

    public EncoderConfig withDevice(Device device) {
        return new EncoderConfig(
                name, model, device, maxBatch, maxWait, predictors, intraOpThreads, custom);
    }

    public EncoderConfig withBatching(int maxBatch, Duration maxWait) {
        return new EncoderConfig(
                name, model, device, maxBatch, maxWait, predictors, intraOpThreads, custom);
    }

    public EncoderConfig withPredictors(int predictors, int intraOpThreads) {
        return new EncoderConfig(
                name, model, device, maxBatch, maxWait, predictors, intraOpThreads, custom);
    }

    public EncoderConfig withCustom(DjlEncoderConfig custom) {
        return new EncoderConfig(
                name, model, device, maxBatch, maxWait, predictors, intraOpThreads, custom);
    }
}
