package dev.skim.compressor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.compressor.app.SettingsFactory;
import dev.skim.compressor.config.CompressorConfig;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.core.encoder.Encoders;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tokens.TokenGrid;
import dev.skim.schemas.Topics;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every record the topology writes stays under 1 MB in the worst case the issue names: 1920x1080
 * JPEG frames at 60 fps, 10 s windows (600 frames a window), the shipped MobileNetV2, with the FAST
 * chain keeping the full grid ({@code pool(1)}, at FP16 and at FP32 on the wire) and with the
 * default chains: token blocks of every tier, keyframes, dead letters (a corrupt full-size frame, a
 * late frame) and the changelog records of the five stores. Sizes are key + value bytes as the
 * producer gets them; the largest of each kind is printed ({@code [record-size]} lines). The 8
 * distinct frames are encoded once each (the encoder's output is the same for the same pixels),
 * which keeps the 2,000 frames of the three runs to about a minute.
 */
class RecordSizeTest {

    /** 1 MB, the producer's max.request.size and the brokers' default max.message.bytes. */
    private static final int ONE_MB = 1024 * 1024;

    private static final int FPS = 60;
    private static final int W = 1920;
    private static final int H = 1080;

    /** 600 frames of the first 10 s window, 90 of the second; the grace (1 s) closes the first. */
    private static final int FRAMES = 690;

    private static FrameEncoder encoder;
    private static List<byte[]> jpegs;

    @BeforeAll
    static void load() throws IOException {
        encoder = new Memoized(Encoders.mobilenetV2());
        jpegs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jpegs.add(frame(i));
        }
        System.out.printf(
                "[record-size] input: %d JPEGs of %dx%d, %,d to %,d bytes%n",
                jpegs.size(),
                W,
                H,
                jpegs.stream().mapToInt(j -> j.length).min().orElse(0),
                jpegs.stream().mapToInt(j -> j.length).max().orElse(0));
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void shouldWriteNoRecordOverOneMegabyteWithTheFullGridAtFp16() throws IOException {
        assertUnderOneMegabyte(Map.of("skim.compressor.fast.chain", "pool(1)"), "pool(1) FP16");
    }

    @Test
    void shouldWriteNoRecordOverOneMegabyteWithTheFullGridAtFp32() throws IOException {
        assertUnderOneMegabyte(
                Map.of(
                        "skim.compressor.fast.chain",
                        "pool(1)",
                        "skim.compressor.precision",
                        "FP32"),
                "pool(1) FP32");
    }

    @Test
    void shouldWriteNoRecordOverOneMegabyteWithTheDefaults() throws IOException {
        assertUnderOneMegabyte(Map.of(), "defaults");
    }

    private static void assertUnderOneMegabyte(Map<String, String> overrides, String label)
            throws IOException {
        Map<String, String> props = new LinkedHashMap<>(overrides);
        props.put("skim.compressor.window.size", "10s");
        CompressorConfig config = config(props);
        CompressorTopology.Settings settings =
                SettingsFactory.settings(config, CompressorMetrics.NONE);
        Map<String, Integer> largest = new TreeMap<>();
        Map<String, Long> count = new TreeMap<>();
        try (Harness h =
                new Harness(
                        encoder,
                        SettingsFactory.fastChain(config),
                        SettingsFactory.slowChain(config),
                        settings,
                        null)) {
            Map<String, TestOutputTopic<String, byte[]>> topics = rawTopics(h);
            for (int seq = 0; seq < FRAMES; seq++) {
                publish(h, seq, seq * 1000L / FPS, jpegs.get(seq % jpegs.size()));
                if (seq % 50 == 0) {
                    drain(topics, largest, count);
                }
            }
            // a late frame (its window closed) and a corrupt full-size frame: dead letters
            publish(h, FRAMES, 0, jpegs.get(0));
            byte[] corrupt = Arrays.copyOf(jpegs.get(1), jpegs.get(1).length);
            Arrays.fill(corrupt, 600, corrupt.length, (byte) 0x5a);
            publish(h, FRAMES + 1, FRAMES * 1000L / FPS, corrupt);
            h.advanceWallClock(Duration.ofSeconds(11)); // idle flush closes the second window
            drain(topics, largest, count);
        }
        largest.forEach(
                (kind, bytes) ->
                        System.out.printf(
                                "[record-size] %s: %-40s largest %,9d bytes (%d records)%n",
                                label, kind, bytes, count.get(kind)));
        assertThat(count)
                .containsKeys("tokens FAST", "tokens SLOW", "tokens FRAME", Topics.KEYFRAMES);
        assertThat(count.get(Topics.DEAD_LETTERS)).isEqualTo(2L);
        assertThat(count.get("tokens FRAME")).as("FRAME blocks").isPositive();
        assertThat(largest)
                .allSatisfy((kind, bytes) -> assertThat(bytes).as(kind).isLessThan(ONE_MB));
    }

    private static CompressorConfig config(Map<String, String> props) {
        SmallRyeConfig config =
                new SmallRyeConfigBuilder()
                        .withMapping(CompressorConfig.class)
                        .withConverter(Duration.class, 200, new DurationConverter())
                        .withSources(new PropertiesConfigSource(props, "test", 500))
                        .build();
        return config.getConfigMapping(CompressorConfig.class);
    }

    /** The output topics and every store's changelog, as the bytes the producer got. */
    private static Map<String, TestOutputTopic<String, byte[]>> rawTopics(Harness h) {
        Map<String, TestOutputTopic<String, byte[]>> out = new LinkedHashMap<>();
        List<String> names =
                new ArrayList<>(List.of(Topics.TOKENS, Topics.KEYFRAMES, Topics.DEAD_LETTERS));
        for (String store : StateStores.valueSerdes(dev.skim.core.tokens.Precision.FP16).keySet()) {
            names.add("compressor-test-" + store + "-changelog");
        }
        for (String name : names) {
            out.put(
                    name,
                    h.driver.createOutputTopic(
                            name,
                            Serdes.String().deserializer(),
                            Serdes.ByteArray().deserializer()));
        }
        return out;
    }

    private static void drain(
            Map<String, TestOutputTopic<String, byte[]>> topics,
            Map<String, Integer> largest,
            Map<String, Long> count) {
        var blocks = Topics.defaults().tokens().valueSerde().deserializer();
        topics.forEach(
                (name, topic) -> {
                    for (KeyValue<String, byte[]> kv : topic.readKeyValuesToList()) {
                        if (kv.value == null) {
                            continue; // a delete
                        }
                        String kind =
                                name.equals(Topics.TOKENS)
                                        ? "tokens " + blocks.deserialize(name, kv.value).getTier()
                                        : name;
                        int bytes =
                                kv.key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                                        + kv.value.length;
                        largest.merge(kind, bytes, Math::max);
                        count.merge(kind, 1L, Long::sum);
                    }
                });
    }

    private static void publish(Harness h, long seq, long pts, byte[] jpeg) {
        Frame frame =
                new Frame(
                        "cam-1080p",
                        seq,
                        pts,
                        Instant.EPOCH,
                        W,
                        H,
                        ImageEncoding.JPEG,
                        ByteBuffer.wrap(jpeg),
                        Map.of());
        h.raw(
                "cam-1080p",
                h.topics.frames().valueSerde().serializer().serialize(Topics.FRAMES, frame));
    }

    /** A 1080p frame: sensor noise on a gradient, a bright box that moves with i. */
    private static byte[] frame(int i) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(i);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int n = random.nextInt(-12, 13);
                int r = clamp(x * 255 / W + n);
                int g = clamp(y * 255 / H + n);
                int b = clamp(128 + n);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(240, 240, 40));
        g.fillRect(100 + i * 200, 300 + i * 40, 300, 200);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The encoder, called once per distinct decoded image. */
    private static final class Memoized implements FrameEncoder {
        private final FrameEncoder encoder;
        private final Map<String, TokenGrid> grids = new java.util.HashMap<>();

        Memoized(FrameEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public String id() {
            return encoder.id();
        }

        @Override
        public int rows() {
            return encoder.rows();
        }

        @Override
        public int cols() {
            return encoder.cols();
        }

        @Override
        public int dim() {
            return encoder.dim();
        }

        @Override
        public int inputSide() {
            return encoder.inputSide();
        }

        @Override
        public synchronized List<TokenGrid> encodeBatch(List<RgbImage> images) {
            List<TokenGrid> out = new ArrayList<>(images.size());
            for (RgbImage image : images) {
                String key =
                        image.width() + "x" + image.height() + ":" + Arrays.hashCode(image.rgb());
                out.add(grids.computeIfAbsent(key, k -> encoder.encode(image)));
            }
            return out;
        }

        @Override
        public void close() {
            encoder.close();
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
