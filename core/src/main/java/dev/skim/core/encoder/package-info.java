/**
 * Frame encoders: frames in, patch tokens on a grid out (DESIGN.md section 6).
 *
 * <p>{@link dev.skim.core.encoder.FrameEncoder} is the one interface the compressor knows. The
 * implementations:
 *
 * <ul>
 *   <li>{@link dev.skim.core.encoder.DjlFrameEncoder}: any ONNX model through DJL's OnnxRuntime
 *       engine, or a TorchScript model through DJL's PyTorch engine (Maven profile {@code
 *       torchscript}), described by a {@link dev.skim.core.encoder.DjlEncoderConfig}: preprocessing
 *       (size, stretch or centre crop, value range, mean/std, NCHW/NHWC), outputs ([N, D, H, W],
 *       [N, H, W, D] or [N, T, D] tokens; optional pooled vector and CLS attention), device (cpu,
 *       gpu, auto), batch size and predictor pool.
 *   <li>{@link dev.skim.core.encoder.Encoders#mobilenetV2()}: the offline default, a pretrained
 *       MobileNetV2 trunk (nsfwjs@4.4.0, MIT) shipped in this jar and converted by {@code
 *       tools/model-converter}; 14x14 tokens of 384-d.
 *   <li>{@link dev.skim.core.encoder.ClassicalPatchEncoder}: no model, deterministic.
 *   <li>{@link dev.skim.core.encoder.BatchingFrameEncoder}: micro-batching of concurrent
 *       single-frame calls in front of any of them.
 * </ul>
 *
 * <p>{@link dev.skim.core.encoder.EncoderFactory} builds one from an {@link
 * dev.skim.core.encoder.EncoderConfig} by name ({@code classical}, {@code mobilenetv2}, {@code
 * onnx}, {@code torchscript}, {@code clip-vit-b16}, {@code siglip-base16}) and fails at start-up,
 * with an {@link dev.skim.core.encoder.EncoderException} naming the file, tensor or device, when
 * the configuration cannot work.
 *
 * <p>Build profiles of skim-core: {@code -Ptorchscript} adds DJL's PyTorch engine with the CPU
 * libtorch natives jar (offline; set {@code -Dai.djl.offline=true}); {@code -Pgpu} swaps ONNX
 * Runtime for {@code onnxruntime_gpu} (CUDA execution provider; untested here, no GPU).
 */
package dev.skim.core.encoder;
