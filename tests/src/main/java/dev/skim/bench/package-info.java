/**
 * Benchmarks and reports of the compression operators (issue 5). Not tests: they assert nothing and
 * are run by hand.
 *
 * <h2>Running</h2>
 *
 * <pre>
 * ./mvnw -q -pl tests -am install -DskipTests
 * ./mvnw -q -pl tests dependency:build-classpath -Dmdep.outputFile=/tmp/bench-cp.txt -Dmdep.includeScope=runtime
 * CP=tests/target/classes:$(cat /tmp/bench-cp.txt)
 * java -cp $CP org.openjdk.jmh.Main 'FrameOperatorBench|EncoderBaselineBench' -wi 3 -i 5 -rf json -rff frame.json
 * java -cp $CP org.openjdk.jmh.Main 'FrameOperatorBench.(divprune|novelty|defaultChainUngated)$' -p n=196,576,729 -p d=384,768,1152
 * java -cp $CP org.openjdk.jmh.Main WindowOperatorBench
 * java -cp $CP org.openjdk.jmh.Main 'SimilarityKernelBench|ChainBudgetBench|EncoderBaselineBench' -p n=196,3920
 * java -cp $CP dev.skim.bench.QuantizationReport
 * java -cp $CP dev.skim.bench.FidelityReport ../shared/data/vtest.avi 5 160 8
 * </pre>
 *
 * <p>The pipeline's benchmarks run the packaged apps on a broker and live with the end-to-end tests
 * ({@code tests/src/test/java/dev/skim/e2e}, run by failsafe when named): {@code
 * -Dit.test=PipelineBench} (throughput, CPU and latency), {@code -Dit.test=SoakBench} (memory over
 * 30 minutes) and {@code -Dit.test=TierBytesBench} (bytes per stream-hour of each tier, FAST, SLOW,
 * FRAME and keyframes, at 1, 5 and 30 fps on a static and a moving scene, with the compressor's
 * shipped defaults or {@code -Dskim.compressor.*} overrides), each with {@code ./mvnw -pl tests
 * verify} after the apps are built.
 *
 * <p>The operator benchmarks take {@code -p kernel=scalar,vector}: the similarity kernel (issue 16;
 * scalar is the code before, both select the same tokens). Their forks add {@code --add-modules
 * jdk.incubator.vector}. {@code dev.skim.core.compression.SimilarityKernelBench} (in this module,
 * in core's package) measures the kernels alone.
 *
 * <h2>Similarity kernels (2026-12-03, issue 16, 2 shared cores, load 4-9: relative only)</h2>
 *
 * One JMH run, same commands as above with {@code -p frames=20}; us/op, N = 196 x D = 384 unless
 * said (window: 20 frames, N = 3920, ms/op). Scalar / vector:
 *
 * <pre>
 * kernel  N x N nearest (upper triangle)  4695 / 356 (13x); N = 3920: 2204 / 126 ms (18x)
 * kernel  N x 260 queries, max             5222 / 745 (7.0x); N = 3920: 127 / 17.4 ms (7.3x)
 * kernel  1 query x N                        18.9 / 7.5 (2.5x); N = 3920: 453 / 232 (2.0x)
 * divprune(64)                              4507 / 550 (8.2x)   kcenter(64) 1754 / 611 (2.9x)
 * novelty(64) (global memory)               5627 / 908 (6.2x)   merge(64)   1759 / 439 (4.0x)
 * window: divprune(64) authors' seed        1662 / 125 ms (13x) kmeans(64)  150 / 45 ms (3.3x)
 * window: merge(64)                          702 / 92 ms (7.7x)
 * </pre>
 *
 * The same code in thread CPU time (quieter than JMH's wall clock here): N x N 3950 / 347 us
 * (11.4x), N x 260 5919 / 667 (8.9x), divprune(64) 4681 / 460 (10.2x). {@code skim eval} on
 * vtest.avi (799 frames; method ms as a share of the encoder's ms a frame, each in its own run):
 * divprune(B) 100-108 % before, 9.2-10.2 % after; novelty(B) &gt; divprune(B) 120-146 % before,
 * 15-21 % after; gate &gt; novelty(B) &gt; divprune(B) 37-47 % before, about 10 % after; every
 * metric and selection identical.
 *
 * <h2>Figures (2026-11-22, 2 cores, load average 12 to 33 from other builds: relative only)</h2>
 *
 * Per frame, N = 196, D = 384, k = 64, one JMH fork, 3 x 1 s warm-up, 5 x 1 s measured, same run as
 * one MobileNetV2 encode (batch 1, 224x224). Errors were of the order of the scores.
 *
 * <table>
 *   <caption>Operator time as a share of one encode</caption>
 *   <tr><th>benchmark</th><th>us/op</th><th>x encode</th></tr>
 *   <tr><td>mobilenetV2Encode</td><td>48,653</td><td>1</td></tr>
 *   <tr><td>defaultChain (frame dropped by the gate)</td><td>92</td><td>0.002</td></tr>
 *   <tr><td>defaultChainUngated novelty(64, base=16) &gt; divprune(64)</td><td>41,823</td><td>0.86</td></tr>
 *   <tr><td>novelty (global memory, 260 vectors)</td><td>51,268</td><td>1.05</td></tr>
 *   <tr><td>noveltyCells (scope=cell)</td><td>6,376</td><td>0.13</td></tr>
 *   <tr><td>divprune (authors' seed)</td><td>28,578</td><td>0.59</td></tr>
 *   <tr><td>divprune seed=mean</td><td>7,139</td><td>0.15</td></tr>
 *   <tr><td>kcenter / kcenter cells</td><td>12,161 / 12,069</td><td>0.25</td></tr>
 *   <tr><td>merge</td><td>14,925</td><td>0.31</td></tr>
 *   <tr><td>attention(54, context=10)</td><td>3,845</td><td>0.08</td></tr>
 *   <tr><td>onePerFrame / pool2x2 / gate</td><td>245 / 111 / 49</td><td>&lt; 0.005</td></tr>
 *   <tr><td>encode 64 x 384 to FP16 / INT8</td><td>469 / 288</td><td>0.01</td></tr>
 * </table>
 *
 * The target of issue 5 (default chain at most 5% of an encode) is met only for frames the gate
 * drops; a frame that passes costs the novelty memory scan, 0.13 encodes with scope=cell and about
 * one encode with the global memory.
 *
 * <p>Quantization (QuantizationReport, 6,272 synthetic 384-d post-ReLU tokens): FP16 max relative
 * error per value 4.9e-4 (bound 2^-11), mean relative L2 per token 2.1e-4, max 1 - cos 3.2e-8,
 * 49,152 bytes per 64 tokens; INT8 (per-token scale) mean relative L2 8.2e-3, max 1 - cos 7.8e-5,
 * 24,832 bytes per 64 tokens (every value within max|x| / 254).
 *
 * <p>Fidelity (FidelityReport, vtest.avi every 5th frame, 159 frames, MobileNetV2 14x14x384;
 * coverage = mean max cosine of every token to the kept tokens within 4 frames; needle = 8 trials
 * in 32-frame segments):
 *
 * <pre>
 * budget method                                    tokens/frame coverage needle@1
 *  4     baseline pool(7)                            4.0        0.8805   8/8
 *  4     baseline every 49th frame                   4.9        0.1971   0/8
 *  4     kcenter(4, cells)                           4.0        0.8983   8/8
 *  4     merge(4)                                    4.0        0.8993   8/8
 *  4     novelty(4, base=1)                          4.0        0.8760   8/8
 *  4     gate(0.02) > novelty > divprune             0.0        0.0268   8/8
 *  4     tuned gate(0.0002) > novelty(min=0.055) > divprune  2.5  0.8665  8/8
 *  4     kmeans(32) per 8 frames                     4.0        0.9208   8/8
 * 16     baseline pool(4)                           16.0        0.9026   8/8
 * 16     baseline every 12th frame                  17.3        0.7401   0/8
 * 16     kcenter(16, cells) / merge(16)             16.0        0.9326 / 0.9312
 * 16     novelty(16, base=4)                        16.0        0.9364   8/8
 * 16     tuned chain                                10.2        0.9168   8/8
 * 16     kmeans(128) per 8 frames                   16.1        0.9713   8/8
 * 64     baseline pool(2)                           49.0        0.9369   8/8
 * 64     baseline every 3rd frame                   65.3        0.9917   2/8
 * 64     divprune(64) / kcenter(64)                 64.0        0.9679 / 0.9690
 * 64     novelty(64, base=16)                       60.9        0.9892   8/8
 * 64     gate(0.02) > novelty > divprune             0.4        0.0292   8/8
 * 64     tuned chain                                39.6        0.9760   8/8
 * 64     tuned chain, scope=cell                    30.7        0.9317   8/8
 * 64     kmeans(512) per 8 frames                   64.4        0.9969   8/8
 * </pre>
 *
 * The default chain as written in DESIGN.md ({@code gate(0.02)}) drops almost every frame of this
 * encoder: consecutive frame means differ by 1 - cos = 0.0002 (p50), 0.0008 (max). Tuned on the
 * video (gate at the median change, novelty min at the p90 patch change) it beats both baselines at
 * 64 tokens with fewer tokens (0.976 coverage at 39.6 tokens/frame vs 0.937 for pooling at 49 and
 * needle 8/8 vs 2/8 for frame subsampling), but not at 4 or 16, where it spends fewer tokens than
 * the baselines and covers a little less than pooling.
 */
package dev.skim.bench;
