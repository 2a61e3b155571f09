package dev.skim.bridge.memory;

import dev.skim.avro.FrameRef;
import dev.skim.avro.Keyframe;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Precision;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.avro.Vectors;
import dev.skim.bridge.context.ContextBuilder;
import dev.skim.bridge.llm.Modality;
import dev.skim.bridge.search.SentenceEncoders;
import dev.skim.bridge.search.Vocabulary;
import dev.skim.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;

/**
 * Benchmark (not a test): one stream of 10,000 frames at 1 fps (2 h 46 min) with realistic block
 * sizes (FAST 16 tokens a frame, SLOW 144 tokens for one frame in ten with a 12 KB keyframe, FRAME
 * one token a frame, all 384-d FP16), through the bridge's memory topology with the default
 * retention; then timeline and evidence (context building) query latency p50/p99 and bytes per
 * stream-hour per tier. Stores are in-memory (the test driver flushes RocksDB on every record);
 * latencies are therefore of the store-independent work plus an in-memory scan.
 *
 * <pre>
 * ./mvnw -q -o -pl llm-bridge test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp llm-bridge/target/test-classes:llm-bridge/target/classes:$(cat llm-bridge/target/cp.txt) \
 *     dev.skim.bridge.memory.MemoryBench
 * </pre>
 *
 * Writes {@code llm-bridge/target/memory-bench.json}.
 */
public final class MemoryBench {
    private static final int FRAMES = 10_000;
    private static final int DIM = 384;
    private static final int ITERATIONS = 300;
    private static final int WARMUP = 50;

    private MemoryBench() {}

    public static void main(String[] args) throws Exception {
        Topics topics = Topics.defaults();
        MemoryPolicy policy = MemoryPolicy.defaults();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Random random = new Random(7);
        try (TopologyTestDriver driver =
                new TopologyTestDriver(
                        MemoryTopology.build(
                                topics,
                                policy,
                                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                                Stores::inMemoryKeyValueStore),
                        props)) {
            TestInputTopic<String, TokenBlock> tokens =
                    driver.createInputTopic(
                            Topics.TOKENS,
                            topics.tokens().keySerde().serializer(),
                            topics.tokens().valueSerde().serializer());
            TestInputTopic<String, Keyframe> keyframes =
                    driver.createInputTopic(
                            Topics.KEYFRAMES,
                            topics.keyframes().keySerde().serializer(),
                            topics.keyframes().valueSerde().serializer());
            long load = System.nanoTime();
            for (int s = 0; s < FRAMES; s++) {
                long pts = s * 1000L;
                float novelty = random.nextFloat();
                tokens.pipeInput("cam", block(Tier.FAST, s, pts, novelty, 16, random));
                tokens.pipeInput("cam", block(Tier.FRAME, s, pts, novelty, 1, random));
                if (s % 10 == 0) {
                    tokens.pipeInput("cam", block(Tier.SLOW, s, pts, novelty, 144, random));
                    byte[] jpeg = new byte[12 * 1024];
                    random.nextBytes(jpeg);
                    keyframes.pipeInput(
                            "cam",
                            new Keyframe(
                                    "cam",
                                    (long) s,
                                    pts,
                                    320,
                                    180,
                                    ByteBuffer.wrap(jpeg),
                                    java.util.List.of(),
                                    0,
                                    0,
                                    ""));
                }
            }
            double loadSeconds = (System.nanoTime() - load) / 1e9;
            TokenMemory memory = new TokenMemory(name -> driver.getKeyValueStore(name), policy);
            StreamInfo info = memory.stream("cam").orElseThrow();

            long last = (FRAMES - 1) * 1000L;
            double[] timeline =
                    measure(
                            () -> {
                                long from = (long) (random.nextDouble() * (last - 60_000));
                                memory.timeline(
                                        "cam", from, from + 60_000, 1000, TokenMemory.allTiers());
                            });
            ContextBuilder contexts =
                    new ContextBuilder(memory, new Vocabulary(SentenceEncoders.none(), 0.75, 0.65));
            double[] evidence =
                    measure(
                            () -> {
                                long from = last - 3_600_000;
                                contexts.build(
                                        "cam",
                                        "what happened?",
                                        from,
                                        last,
                                        4096,
                                        Modality.IMAGES,
                                        85,
                                        8);
                            });

            StringBuilder json = new StringBuilder("{\n");
            json.append(
                    String.format(
                            "  \"frames\": %d,%n  \"loadSeconds\": %.1f,%n", FRAMES, loadSeconds));
            json.append(
                    String.format(
                            "  \"timeline60s\": {\"p50Ms\": %.3f, \"p99Ms\": %.3f},%n",
                            timeline[0], timeline[1]));
            json.append(
                    String.format(
                            "  \"evidence1h\": {\"p50Ms\": %.3f, \"p99Ms\": %.3f},%n",
                            evidence[0], evidence[1]));
            json.append("  \"tiers\": [\n");
            for (int i = 0; i < info.tiers().size(); i++) {
                TierMemory t = info.tiers().get(i);
                long boundBytes =
                        t.bytesPerStreamHour() == null
                                ? 0
                                : Math.round(
                                        t.bytesPerStreamHour()
                                                * (t.retentionMillis() / 3_600_000.0));
                json.append(
                        String.format(
                                "    {\"tier\": \"%s\", \"retentionHours\": %.1f, \"blocksHeld\": %d, \"bytesHeld\": %d,"
                                        + " \"bytesPerStreamHour\": %d, \"boundBytesPerStream\": %d, \"expired\": %d}%s%n",
                                t.tier(),
                                t.retentionMillis() / 3_600_000.0,
                                t.blocks(),
                                t.bytes(),
                                t.bytesPerStreamHour(),
                                boundBytes,
                                t.expired(),
                                i + 1 < info.tiers().size() ? "," : ""));
            }
            json.append("  ]\n}\n");
            System.out.print(json);
            Path out = Path.of("llm-bridge/target/memory-bench.json");
            if (!Files.isDirectory(out.getParent())) {
                out = Path.of("target/memory-bench.json");
            }
            Files.writeString(out, json);
        }
    }

    private static double[] measure(Runnable query) {
        for (int i = 0; i < WARMUP; i++) {
            query.run();
        }
        double[] ms = new double[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            long t = System.nanoTime();
            query.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[ITERATIONS / 2], ms[(int) Math.ceil(ITERATIONS * 0.99) - 1]};
    }

    private static TokenBlock block(
            Tier tier, long seq, long pts, float novelty, int tokens, Random r) {
        byte[] data = new byte[tokens * DIM * 2];
        r.nextBytes(data);
        List<TokenRef> refs =
                IntStream.range(0, tokens)
                        .mapToObj(i -> new TokenRef(0, i / 14f, i % 14f, 1))
                        .toList();
        return TokenBlock.newBuilder()
                .setStreamId("cam")
                .setTier(tier)
                .setFirstSeq(seq)
                .setLastSeq(seq)
                .setFrames(new ArrayList<>(List.of(new FrameRef(seq, pts, novelty))))
                .setGated(List.of())
                .setEncoderId("mobilenetv2-block10")
                .setGridRows(14)
                .setGridCols(14)
                .setDim(DIM)
                .setTokens(refs)
                .setVectors(new Vectors(Precision.FP16, ByteBuffer.wrap(data), List.of()))
                .setChain(
                        List.of(
                                new OperatorStep(
                                        "divprune",
                                        Map.of("k", String.valueOf(tokens)),
                                        196L,
                                        (long) tokens)))
                .setTokensIn(196)
                .setTokensOut(tokens)
                .build();
    }
}
