package dev.skim.compressor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.GridPool;
import dev.skim.core.encoder.ClassicalPatchEncoder;
import dev.skim.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompressorTopologyTest {

    private final Topics topics = Topics.defaults();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> frames;
    private TestOutputTopic<String, TokenBlock> tokens;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver =
                new TopologyTestDriver(
                        CompressorTopology.build(
                                topics,
                                new ClassicalPatchEncoder(),
                                Chain.of(new GridPool(2)),
                                CompressorTopology.Settings.defaults()),
                        props);
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
        deadLetters =
                driver.createOutputTopic(
                        Topics.DEAD_LETTERS,
                        topics.deadLetters().keySerde().deserializer(),
                        topics.deadLetters().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private byte[] frameBytes(long seq, ImageEncoding encoding, byte[] data, int w, int h) {
        Frame frame =
                new Frame(
                        "cam",
                        seq,
                        seq * 100,
                        Instant.EPOCH,
                        w,
                        h,
                        encoding,
                        ByteBuffer.wrap(data),
                        Map.of());
        return topics.frames().valueSerde().serializer().serialize(Topics.FRAMES, frame);
    }

    private static byte[] jpeg(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void shouldTurnEachFrameIntoOnePooledTokenBlock() throws Exception {
        byte[] jpeg = jpeg(64, 48);
        for (long seq = 0; seq < 3; seq++) {
            frames.pipeInput("cam", frameBytes(seq, ImageEncoding.JPEG, jpeg, 64, 48));
        }

        List<TokenBlock> blocks = tokens.readValuesToList();
        assertThat(blocks).extracting(TokenBlock::getFirstSeq).containsExactly(0L, 1L, 2L);
        TokenBlock first = blocks.get(0);
        assertThat(first.getTier()).isEqualTo(Tier.FAST);
        assertThat(first.getFrames().get(0).getPtsMillis()).isEqualTo(0L);
        assertThat(blocks.get(2).getFrames().get(0).getPtsMillis()).isEqualTo(200L);
        assertThat(first.getTokensIn()).isEqualTo(196L);
        assertThat(first.getTokensOut()).isEqualTo(49L);
        assertThat(first.getTokens()).hasSize(49);
        assertThat(first.getTokens()).allSatisfy(t -> assertThat(t.getSpan()).isEqualTo(4));
        assertThat(first.getChain()).extracting(s -> s.getName()).containsExactly("pool");
        assertThat(first.getVectors().getData().remaining())
                .isEqualTo(49 * first.getDim() * 2); // FP16
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldRouteNonAvroBytesToDeadLetterTopicAndKeepGoing() throws Exception {
        byte[] jpeg = jpeg(32, 32);
        frames.pipeInput("cam", frameBytes(0, ImageEncoding.JPEG, jpeg, 32, 32));
        frames.pipeInput("cam", "this is not a frame".getBytes());
        frames.pipeInput("cam", frameBytes(1, ImageEncoding.JPEG, jpeg, 32, 32));

        assertThat(tokens.readValuesToList())
                .extracting(TokenBlock::getFirstSeq)
                .containsExactly(0L, 1L);
        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.getStage()).isEqualTo("deserialize");
        assertThat(dead.getReason()).contains("not Avro single-object encoded");
        assertThat(dead.getOffset()).isEqualTo(1L);
        assertThat(dead.getPayload()).isEqualTo(ByteBuffer.wrap("this is not a frame".getBytes()));
    }

    @Test
    void shouldRouteCorruptJpegToDeadLetterTopic() {
        frames.pipeInput(
                "cam",
                frameBytes(0, ImageEncoding.JPEG, new byte[] {(byte) 0xFF, 0x00, 0x12}, 8, 8));

        assertThat(tokens.isEmpty()).isTrue();
        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.getStage()).isEqualTo("decode");
        assertThat(dead.getReason()).contains("JPEG");
        assertThat(dead.getStreamId()).isEqualTo("cam");
    }

    @Test
    void shouldRouteWrongSizeAndOversizeFramesToDeadLetterTopic() throws Exception {
        frames.pipeInput("cam", frameBytes(0, ImageEncoding.RAW_RGB, new byte[10], 4, 4));
        frames.pipeInput("cam", frameBytes(1, ImageEncoding.JPEG, jpeg(16, 16), 20, 16));
        frames.pipeInput(
                "cam", frameBytes(2, ImageEncoding.RAW_RGB, new byte[3], 100_000, 100_000));

        List<DeadLetter> dead = deadLetters.readValuesToList();
        assertThat(dead)
                .extracting(DeadLetter::getReason)
                .satisfiesExactly(
                        r -> assertThat(r).contains("needs 48 bytes, got 10"),
                        r -> assertThat(r).contains("is 16x16 but the frame declares 20x16"),
                        r -> assertThat(r).contains("exceeds the limit"));
        assertThat(tokens.isEmpty()).isTrue();
    }
}
