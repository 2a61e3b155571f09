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
 * Chain chain = ChainSpec.parse(DefaultChains.fast()); // "gate > novelty(4, memory=64)"
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
 * Each operator is one class that declares its {@link dev.skim.core.compression.OperatorDefinition}
 * (name, parameters with defaults and bounds, summary, paper, budget, factory); {@link
 * dev.skim.core.compression.OperatorRegistry} lists them, and the chain spec parser, the operators'
 * parameters and this table come from there. Capabilities a chain reads from its operators' states
 * are interfaces ({@link dev.skim.core.compression.ProgressiveMemory}). Vector arithmetic is {@link
 * dev.skim.core.compression.VectorMath}, for every module.
 *
 * <table>
 *   <caption>Operators (from OperatorRegistry; OperatorTablesTest checks)</caption>
 *   <tr><th>name</th><th>parameters (default, bounds)</th><th>what it does</th><th>paper</th><th>class</th></tr>
 *   <tr><td>gate</td><td><code>threshold=0.0</code> in [0, 2] (0 = adaptive); <code>factor=2.0</code> in [1, 1000]; <code>floor=8</code> &gt;= 1; <code>regions=4</code> &gt;= 1</td><td>drops a frame whose largest area change (1 - cos) since the last kept frame is at most factor x the stream's median frame-to-frame change (or a fixed threshold); keeps one in every floor frames; kept frames get the dropped frames' budget</td><td>Spatial-MLLM, S5</td><td>{@link dev.skim.core.compression.FrameGate}</td></tr>
 *   <tr><td>pool</td><td><code>g=2</code> &gt;= 1</td><td>span-weighted mean of each g x g cell of each frame</td><td>LLaVA-Video, TokenPacker, M3</td><td>{@link dev.skim.core.compression.GridPool}</td></tr>
 *   <tr><td>divprune</td><td><code>k</code> &gt;= 1; <code>seed=nn</code> (nn, mean; mean: farthest from the mean, O(N D) for big windows)</td><td>keeps the k most mutually diverse tokens (greedy max-min diversity on 1 - cos)</td><td>DivPrune (CVPR 2025)</td><td>{@link dev.skim.core.compression.DivPrune}</td></tr>
 *   <tr><td>kcenter</td><td><code>k</code> &gt;= 1; <code>cells=false</code></td><td>Gonzalez greedy k-center on 1 - cos: the k centres, or with cells each centre's Voronoi-cell mean</td><td>ToDRE stage 1</td><td>{@link dev.skim.core.compression.KCenter}</td></tr>
 *   <tr><td>merge</td><td><code>k</code> &gt;= 1</td><td>bipartite soft matching: merges the most similar pairs (span-weighted means) until k tokens remain</td><td>ToMe, AIM, TinyChart</td><td>{@link dev.skim.core.compression.SimilarityMerge}</td></tr>
 *   <tr><td>novelty</td><td><code>budget</code> &gt;= 1; <code>base=min(16, budget/4)</code> in [0, budget]; <code>key=budget</code> &gt;= 1; <code>cut=0.5</code> in [0, 2]; <code>min=0.05</code> in [0, 2]; <code>memory=0</code> &gt;= 0 (0 = frame size + budget); <code>scope=global</code> (global, cell; cell: 3x3 neighbourhood memory, static cameras)</td><td>per frame: coarse base tokens plus the patches most novel against what the stream emitted before; keyframes on a scene cut</td><td>PVC, TimeChat-Online DTD</td><td>{@link dev.skim.core.compression.NoveltyProgressive}</td></tr>
 *   <tr><td>kmeans</td><td><code>k</code> &gt;= 1; <code>tau=0.0</code> in [0, 2] (0 = fixed K; else K = 8, 16, ... up to k until the error is below tau); <code>iter=10</code> &gt;= 1; <code>seed=42</code></td><td>cosine k-means (k-means++ seeding) over a window's tokens; outputs the cluster means</td><td>VQToken, CenterCLIP</td><td>{@link dev.skim.core.compression.WindowKMeans}</td></tr>
 *   <tr><td>richness</td><td><code>rho</code> in [0, 2]; <code>min=4</code> &gt;= 1; <code>max=64</code> &gt;= min; <code>cells=false</code></td><td>as many k-center tokens as the scene needs to be covered within rho (1 - cos), between min and max</td><td>LangDC</td><td>{@link dev.skim.core.compression.RichnessBudget}</td></tr>
 *   <tr><td>attention</td><td><code>k</code> &gt;= 1; <code>context=0</code> &gt;= 0</td><td>keeps the k tokens with the most CLS attention and merges the rest into context tokens (needs encoder attention)</td><td>VisionZip, VTC-CLS</td><td>{@link dev.skim.core.compression.AttentionSelect}</td></tr>
 *   <tr><td>frame</td><td><code>pooled=false</code></td><td>one token per frame: its span-weighted mean, or with pooled the encoder's pooled vector</td><td>LLaVA-Mini</td><td>{@link dev.skim.core.compression.OnePerFrame}</td></tr>
 * </table>
 *
 * <h2>Calibration</h2>
 *
 * Thresholds in 1 - cos depend on the encoder. With the MobileNetV2 default on vtest.avi (2 frames
 * a second), consecutive frame means differ by 1 - cos of about 0.0002 (p50) and at most 0.0008, so
 * {@code gate(0.02)} drops nearly every frame; same-position patches differ by 0.0026 (p50) to
 * 0.055 (p90). Hence the adaptive gate (threshold relative to the stream's own median change) and
 * the defaults in {@link dev.skim.core.compression.DefaultChains}. The fidelity report in {@code
 * tests/src/main/java/dev/skim/bench} prints these figures for any video.
 */
package dev.skim.core.compression;
