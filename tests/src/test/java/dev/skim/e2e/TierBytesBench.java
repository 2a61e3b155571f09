package dev.skim.e2e;

import dev.skim.avro.Keyframe;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.FrameSource;
import dev.skim.video.SourceFrame;
import dev.skim.video.source.VideoFileSource;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, not a test (no assertions; not matched by the failsafe includes): bytes per
 * stream-hour of each tier the compressor writes. Run it with {@code ./mvnw -pl tests verify
 * -Dit.test=TierBytesBench} after building the compressor ({@code ./mvnw -pl compressor install
 * -DskipTests}; about 3 minutes on 2 cores).
 *
 * <p>It starts the packaged compressor (so its configuration is whatever its {@code
 * application.properties} says when the bench runs: the chains, the precision, the windows and the
 * FRAME tier are the shipped defaults) on an in-process broker, publishes six streams through the
 * ingest publisher (JPEG quality 85) and reads back the committed {@code skim.tokens} and {@code
 * skim.keyframes}:
 *
 * <ul>
 *   <li><b>static</b>: one real frame (the first of {@code ../shared/data/vtest.avi}, 768x576; a
 *       synthetic frame when the video is absent) with small sensor noise (sigma 2 of 255 per
 *       channel, new every frame), as a fixed camera on an empty scene;
 *   <li><b>moving</b>: {@link SyntheticVideoSource} at 640x360 (moving shapes, 3 scenes, planted
 *       events), rendered at the stream's rate;
 * </ul>
 *
 * each at 1, 5 and 30 fps for {@code -Dskim.bench.seconds} (default 90) of stream time. It prints a
 * table (and writes it to {@code tests/target/bench/tier-bytes.txt}): per stream, the frames, the
 * frames the FAST chain kept (not gated), and per tier (FAST, SLOW, FRAME, keyframes) and in total
 * the bytes (key + value, as the producer sends them) per hour of stream time, extrapolated from
 * the stream time published; then the chains and precision the blocks name, and the goal
 * (all tiers together at most 300 MB per stream-hour at 30 fps) against the 30 fps rows.
 *
 * <p>Other settings: every {@code -Dskim.compressor.*} property of this JVM is passed to the
 * compressor, e.g. {@code -Dskim.compressor.fast.chain="gate(0.02) > pool(4)"}, {@code
 * -Dskim.compressor.slow.chain=divprune(32)}, {@code -Dskim.compressor.precision=INT8}, {@code
 * -Dskim.compressor.frame-tier.enabled=false}; {@code -Dskim.bench.fps=1,5,30} chooses the rates.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TierBytesBench {

    private static final Topics TOPICS = Topics.defaults();
    private static final int SECONDS = Integer.getInteger("skim.bench.seconds", 90);
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final String KEYFRAMES = "keyframes";

    /** One stream of the bench. */
    private record Scenario(String scene, double fps) {
        String stream() {
            return scene + "-" + (int) fps + "fps";
        }

        int frames() {
            return (int) Math.round(fps * SECONDS);
        }

        /** Stream time the frames span: frames x frame interval. */
        double hours() {
            return frames() / fps / 3600.0;
        }
    }

    /** A record read back with its size. */
    private record Sized<V>(V value, int bytes) {}

    @Test
    void measure(KafkaBroker broker) throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        for (String scene : List.of("static", "moving")) {
            for (String fps : System.getProperty("skim.bench.fps", "1,5,30").split(",")) {
                scenarios.add(new Scenario(scene, Double.parseDouble(fps.trim())));
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        // the last window of each stream closes on the idle flush: 2 s instead of 10 s of waiting
        props.put("skim.compressor.window.idle-flush", "2s");
        System.getProperties()
                .forEach(
                        (k, v) -> {
                            if (k.toString().startsWith("skim.compressor.")) {
                                props.put(k.toString(), v.toString());
                            }
                        });
        List<Sized<TokenBlock>> blocks;
        List<Sized<Keyframe>> keyframes;
        try (AppProcess compressor =
                AppProcess.start("compressor", broker.bootstrapServers(), props, "1g")) {
            publish(broker, scenarios);
            blocks =
                    TopicReader.readUntil(
                            broker.clientProperties(),
                            Topics.TOKENS,
                            sized(TOPICS.tokens().valueSerde().deserializer()),
                            l -> complete(l, scenarios),
                            TIMEOUT);
            // the FRAME blocks and keyframes of the last windows follow their FAST blocks
            blocks =
                    TopicReader.readAll(
                            broker.clientProperties(),
                            Topics.TOKENS,
                            sized(TOPICS.tokens().valueSerde().deserializer()),
                            Duration.ofSeconds(5));
            keyframes =
                    TopicReader.readAll(
                            broker.clientProperties(),
                            Topics.KEYFRAMES,
                            sized(TOPICS.keyframes().valueSerde().deserializer()),
                            Duration.ofSeconds(3));
        }
        String report = report(scenarios, blocks, keyframes, props);
        System.out.print(report);
        Path out = Path.of("target", "bench", "tier-bytes.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    private static void publish(KafkaBroker broker, List<Scenario> scenarios) throws Exception {
        BufferedImage still = stillFrame();
        try (FramePublisher publisher =
                FramePublisher.builder().bootstrapServers(broker.bootstrapServers()).build()) {
            for (Scenario s : scenarios) {
                try (FrameSource source =
                        s.scene().equals("static")
                                ? new NoisyStill(still, s.fps(), s.frames())
                                : SyntheticVideoSource.of(
                                        new SyntheticSpec(
                                                640, 360, s.fps(), s.frames(), 42, 3, 4))) {
                    publisher.publish(s.stream(), source, PublishOptions.defaults());
                }
            }
        }
    }

    /** Whether every stream's FAST blocks account for all its frames (kept or gated). */
    private static boolean complete(List<Sized<TokenBlock>> read, List<Scenario> scenarios) {
        List<TokenBlock> blocks = read.stream().map(Sized::value).toList();
        return scenarios.stream()
                .allMatch(s -> TokenChecks.fastCounts(blocks, s.stream()).size() >= s.frames());
    }

    private static String report(
            List<Scenario> scenarios,
            List<Sized<TokenBlock>> blocks,
            List<Sized<Keyframe>> keyframes,
            Map<String, String> props) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        "[tier-bytes] %d s of stream time a stream; MB (10^6 bytes) per stream-hour%n",
                        SECONDS));
        out.append(
                String.format(
                        "[tier-bytes] %-12s %6s %6s %9s %9s %9s %9s %9s%n",
                        "stream", "frames", "kept", "FAST", "SLOW", "FRAME", KEYFRAMES, "total"));
        for (Scenario s : scenarios) {
            Map<String, Long> bytes = new LinkedHashMap<>();
            for (Tier t : List.of(Tier.FAST, Tier.SLOW, Tier.FRAME)) {
                bytes.put(t.name(), 0L);
            }
            long keyBytes = s.stream().getBytes(StandardCharsets.UTF_8).length;
            long kept = 0;
            for (Sized<TokenBlock> b : blocks) {
                if (b.value().getStreamId().equals(s.stream())) {
                    bytes.merge(b.value().getTier().name(), keyBytes + b.bytes(), Long::sum);
                    if (b.value().getTier() == Tier.FAST) {
                        kept += b.value().getFrames().size();
                    }
                }
            }
            bytes.put(
                    KEYFRAMES,
                    keyframes.stream()
                            .filter(k -> k.value().getStreamId().equals(s.stream()))
                            .mapToLong(k -> keyBytes + k.bytes())
                            .sum());
            long total = bytes.values().stream().mapToLong(Long::longValue).sum();
            out.append(
                    String.format(
                            "[tier-bytes] %-12s %6d %6d %9.1f %9.1f %9.1f %9.1f %9.1f%s%n",
                            s.stream(),
                            s.frames(),
                            kept,
                            perHour(bytes.get("FAST"), s),
                            perHour(bytes.get("SLOW"), s),
                            perHour(bytes.get("FRAME"), s),
                            perHour(bytes.get(KEYFRAMES), s),
                            perHour(total, s),
                            s.fps() == 30
                                    ? (perHour(total, s) <= 300
                                            ? "  (goal 300: met)"
                                            : "  (goal 300: NOT met)")
                                    : ""));
        }
        Map<Tier, String> chains = new EnumMap<>(Tier.class);
        String precision = "?";
        for (Sized<TokenBlock> b : blocks) {
            chains.putIfAbsent(b.value().getTier(), chain(b.value().getChain()));
            precision = b.value().getVectors().getPrecision().name();
        }
        out.append(
                String.format(
                        "[tier-bytes] chains: %s; precision %s; encoder %s; overrides %s%n",
                        chains,
                        precision,
                        blocks.isEmpty() ? "?" : blocks.get(0).value().getEncoderId(),
                        new TreeMap<>(props)));
        return out.toString();
    }

    private static double perHour(long bytes, Scenario s) {
        return bytes / s.hours() / 1e6;
    }

    private static String chain(List<OperatorStep> steps) {
        return String.join(
                " > ",
                steps.stream()
                        .map(
                                st -> {
                                    List<String> params = new ArrayList<>();
                                    st.getParams().forEach((k, v) -> params.add(k + "=" + v));
                                    return st.getName() + "(" + String.join(", ", params) + ")";
                                })
                        .toList());
    }

    private static <V> Deserializer<Sized<V>> sized(Deserializer<V> values) {
        return (topic, data) -> new Sized<>(values.deserialize(topic, data), data.length);
    }

    /** The first frame of vtest.avi, or a synthetic frame when the video is absent. */
    private static BufferedImage stillFrame() {
        Path video =
                Path.of(System.getProperty("skim.shared.dir", "../../shared"), "data", "vtest.avi");
        if (Files.isRegularFile(video)) {
            try (VideoFileSource source = VideoFileSource.open(video)) {
                Optional<SourceFrame> first = source.next();
                if (first.isPresent()) {
                    return first.get().image();
                }
            }
        }
        try (SyntheticVideoSource source =
                SyntheticVideoSource.of(new SyntheticSpec(768, 576, 1, 1, 7, 1, 0))) {
            return source.next().orElseThrow().image();
        }
    }

    /** A fixed frame with new sensor noise (Gaussian, sigma 2 per channel) in every frame. */
    private static final class NoisyStill implements FrameSource {
        private final BufferedImage still;
        private final double fps;
        private final int frames;
        private final SplittableRandom random = new SplittableRandom(1);
        private int next;

        NoisyStill(BufferedImage still, double fps, int frames) {
            this.still = still;
            this.fps = fps;
            this.frames = frames;
        }

        @Override
        public Optional<SourceFrame> next() {
            if (next >= frames) {
                return Optional.empty();
            }
            int w = still.getWidth();
            int h = still.getHeight();
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] rgb = still.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                int p = rgb[i];
                rgb[i] =
                        (noisy((p >> 16) & 0xff) << 16)
                                | (noisy((p >> 8) & 0xff) << 8)
                                | noisy(p & 0xff);
            }
            img.setRGB(0, 0, w, h, rgb, 0, w);
            long pts = Math.round(next * 1000 / fps);
            next++;
            return Optional.of(new SourceFrame(pts, img));
        }

        private int noisy(int v) {
            return Math.max(0, Math.min(255, (int) Math.round(v + random.nextGaussian() * 2)));
        }

        @Override
        public String description() {
            return "still frame with noise at " + fps + " fps";
        }

        @Override
        public void close() {}
    }
}
