/**
 * Visual-token compression operators from the papers Skim is built on (DESIGN.md section 5), a
 * chain that applies them with explicit per-stream state, and the fidelity metrics.
 *
 * <h2>Contract</h2>
 *
 * {@link dev.skim.core.compression.TokenOperator#apply} takes plain {@link
 * dev.skim.core.tokens.Token}s (one frame or a window) and an {@link
 * dev.skim.core.compression.OperatorContext} (grid shape, optional CLS attention, pooled vector,
 * query, this operator's {@link dev.skim.core.compression.OperatorState}) and returns a {@link
 * dev.skim.core.compression.Compressed}: output tokens, the {@link
 * dev.skim.core.compression.Provenance} W (outputs x inputs, output = W X, positions = W P) and the
 * next state. Operators are immutable, deterministic and never log.
 *
 * <h2>In a stream processor</h2>
 *
 * <pre>{@code
 * Chain chain = ChainSpec.parse("gate(0.0002) > novelty(64, base=16) > divprune(64)");
 * byte[] stored = store.get(streamId);
 * ChainState state = stored == null ? null : ChainStateCodec.fromBytes(stored);
 * ChainResult r = chain.apply(grid.tokens(), OperatorContext.of(grid), state);
 * store.put(streamId, ChainStateCodec.toBytes(r.state()));
 * // r.tokens(), r.provenance() (over the grid's tokens), r.stats() (tokens in/out per operator)
 * WireVectors wire = WireVectors.encode(vectorsOf(r.tokens()), Precision.FP16);
 * }</pre>
 *
 * <h2>Operators (chain spec names)</h2>
 *
 * <table>
 *   <caption>Operators</caption>
 *   <tr><th>name</th><th>class</th><th>paper</th></tr>
 *   <tr><td>pool</td><td>{@link dev.skim.core.compression.GridPool}</td><td>LLaVA-Video, TokenPacker, M3</td></tr>
 *   <tr><td>divprune</td><td>{@link dev.skim.core.compression.DivPrune}</td><td>DivPrune</td></tr>
 *   <tr><td>kcenter</td><td>{@link dev.skim.core.compression.KCenter}</td><td>ToDRE stage 1</td></tr>
 *   <tr><td>merge</td><td>{@link dev.skim.core.compression.SimilarityMerge}</td><td>ToMe, AIM, TinyChart</td></tr>
 *   <tr><td>novelty</td><td>{@link dev.skim.core.compression.NoveltyProgressive}</td><td>PVC, TimeChat-Online DTD</td></tr>
 *   <tr><td>gate</td><td>{@link dev.skim.core.compression.FrameGate}</td><td>Spatial-MLLM, S5</td></tr>
 *   <tr><td>kmeans</td><td>{@link dev.skim.core.compression.WindowKMeans}</td><td>VQToken, CenterCLIP</td></tr>
 *   <tr><td>richness</td><td>{@link dev.skim.core.compression.RichnessBudget}</td><td>LangDC</td></tr>
 *   <tr><td>attention</td><td>{@link dev.skim.core.compression.AttentionSelect}</td><td>VisionZip, VTC-CLS</td></tr>
 *   <tr><td>query</td><td>{@link dev.skim.core.compression.QueryRecovery}</td><td>Recoverable Compression</td></tr>
 *   <tr><td>frame</td><td>{@link dev.skim.core.compression.OnePerFrame}</td><td>LLaVA-Mini</td></tr>
 * </table>
 *
 * <h2>Calibration</h2>
 *
 * Thresholds in 1 - cos depend on the encoder. With the MobileNetV2 default on vtest.avi (2 frames
 * a second), consecutive frame means differ by 1 - cos of about 0.0002 (p50) and at most 0.0008, so
 * {@code gate(0.02)} drops nearly every frame; same-position patches differ by 0.0026 (p50) to
 * 0.055 (p90). The fidelity report in {@code tests/src/main/java/dev/skim/bench} prints these
 * figures for any video.
 */
package dev.skim.core.compression;
