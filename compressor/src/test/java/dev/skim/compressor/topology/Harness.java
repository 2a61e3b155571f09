package dev.skim.compressor.topology;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.FrameRef;
import dev.skim.avro.ImageEncoding;
import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.core.compression.Chain;
import dev.skim.core.encoder.ClassicalPatchEncoder;
import dev.skim.core.encoder.FrameEncoder;
import dev.skim.schemas.Topics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The compressor topology in a TopologyTestDriver, with the classical encoder and small frames. */
final class Harness implements AutoCloseable {

    static final int W = 64;
    static final int H = 48;

    final Topics topics = Topics.defaults();
    final RecordingMetrics metrics = new RecordingMetrics();
    final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> frames;
    private final TestOutputTopic<String, TokenBlock> tokens;
    private final TestOutputTopic<String, Keyframe> keyframes;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final List<TokenBlock> blocks = new ArrayList<>();
    private final List<Keyframe> keys = new ArrayList<>();
    private final List<DeadLetter> dead = new ArrayList<>();

    Harness(Chain fast, Chain slow, CompressorTopology.Settings settings, Path stateDir) {
        this(new ClassicalPatchEncoder(), fast, slow, settings, stateDir);
    }

    Harness(
            FrameEncoder encoder,
            Chain fast,
            Chain slow,
            CompressorTopology.Settings settings,
            Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "compressor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                (stateDir != null ? stateDir : freshDir()).toString());
        driver =
                new TopologyTestDriver(
                        CompressorTopology.build(
                                topics, encoder, fast, slow, settings.withMetrics(metrics)),
                        props,
                        Instant.EPOCH);
        frames =
                driver.createInputTopic(
                        Topics.FRAMES,
                        Serdes.String().serializer(),
                        Serdes.ByteArray().serializer());
        tokens =
                driver.createOutputTopic(
                        Topics.TOKENS,
                        topics.tokens().keySerde().deserializer(),
                        topics.tokens().valueSerde().deserializer());
        keyframes =
                driver.createOutputTopic(
                        Topics.KEYFRAMES,
                        topics.keyframes().keySerde().deserializer(),
                        topics.keyframes().valueSerde().deserializer());
        deadLetters =
                driver.createOutputTopic(
                        Topics.DEAD_LETTERS,
                        topics.deadLetters().keySerde().deserializer(),
                        topics.deadLetters().valueSerde().deserializer());
    }

    static Path freshDir() {
        try {
            return java.nio.file.Files.createTempDirectory("compressor-test-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A frame of the stream "cam" filled with one colour (plus a stripe, so patches differ). */
    void frame(long seq, long pts, Color colour) {
        frame("cam", seq, pts, colour);
    }

    void frame(String stream, long seq, long pts, Color colour) {
        Frame frame =
                new Frame(
                        stream,
                        seq,
                        pts,
                        Instant.EPOCH,
                        W,
                        H,
                        ImageEncoding.JPEG,
                        ByteBuffer.wrap(jpeg(colour)),
                        Map.of());
        raw(stream, topics.frames().valueSerde().serializer().serialize(Topics.FRAMES, frame));
    }

    /** A frame of the stream "cam" from JPEG bytes of any size. */
    void frame(long seq, long pts, byte[] jpeg, int width, int height) {
        Frame frame =
                new Frame(
                        "cam",
                        seq,
                        pts,
                        Instant.EPOCH,
                        width,
                        height,
                        ImageEncoding.JPEG,
                        ByteBuffer.wrap(jpeg),
                        Map.of());
        raw("cam", topics.frames().valueSerde().serializer().serialize(Topics.FRAMES, frame));
    }

    void raw(String key, byte[] value) {
        frames.pipeInput(key, value);
    }

    void advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
    }

    List<TokenBlock> blocks() {
        blocks.addAll(tokens.readValuesToList());
        return List.copyOf(blocks);
    }

    List<TokenBlock> blocks(Tier tier) {
        return blocks().stream().filter(b -> b.getTier() == tier).toList();
    }

    /** Seqs of the frames in FAST blocks (kept), in emission order. */
    List<Long> fastSeqs() {
        return blocks(Tier.FAST).stream()
                .flatMap(b -> b.getFrames().stream())
                .map(FrameRef::getSeq)
                .toList();
    }

    List<Long> gatedSeqs() {
        return blocks(Tier.FAST).stream()
                .flatMap(b -> b.getGated().stream())
                .map(FrameRef::getSeq)
                .toList();
    }

    List<Long> slowSeqs() {
        return blocks(Tier.SLOW).stream()
                .flatMap(b -> b.getFrames().stream())
                .map(FrameRef::getSeq)
                .toList();
    }

    /** Blocks emitted since the last drain, not kept (for long runs). */
    List<TokenBlock> drainBlocks() {
        return tokens.readValuesToList();
    }

    /** Dead letters emitted since the last drain, not kept (for long runs). */
    List<DeadLetter> drainDeadLetters() {
        return deadLetters.readValuesToList();
    }

    List<Keyframe> keyframes() {
        keys.addAll(keyframes.readValuesToList());
        return List.copyOf(keys);
    }

    List<DeadLetter> deadLetters() {
        dead.addAll(deadLetters.readValuesToList());
        return List.copyOf(dead);
    }

    static byte[] jpeg(Color colour) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, W, H);
        g.setColor(colour.darker());
        g.fillRect(0, H / 3, W, H / 6);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        driver.close();
    }
}
