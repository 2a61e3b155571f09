package dev.skim.compressor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.processor.DecodeProcessor;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.compression.GridPool;
import dev.skim.schemas.Topics;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stages before the windows: decoding, encoding, the FAST chain and dead letters. */
class CompressorTopologyTest {

    private Harness harness;

    @BeforeEach
    void start() {
        harness =
                new Harness(
                        Chain.of(new GridPool(2)),
                        ChainSpec.parse("divprune(64)"),
                        CompressorTopology.Settings.defaults(),
                        null);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private byte[] frameBytes(long seq, ImageEncoding encoding, byte[] data, int w, int h) {
        return frameBytes("cam", seq, encoding, data, w, h);
    }

    private byte[] frameBytes(
            String stream, long seq, ImageEncoding encoding, byte[] data, int w, int h) {
        Frame frame =
                new Frame(
                        stream,
                        seq,
                        seq * 100,
                        Instant.EPOCH,
                        w,
                        h,
                        encoding,
                        ByteBuffer.wrap(data),
                        Map.of());
        return harness.topics.frames().valueSerde().serializer().serialize(Topics.FRAMES, frame);
    }

    @Test
    void shouldDeadLetterAStreamIdTooLongForItsRecordsAndKeepDeadLettersSmall() {
        String longId = "c".repeat(DecodeProcessor.MAX_STREAM_ID_CHARS + 1);
        String hugeKey = "k".repeat(600_000);
        byte[] jpeg = Harness.jpeg(Color.RED);
        harness.raw(longId, frameBytes(longId, 0, ImageEncoding.JPEG, jpeg, Harness.W, Harness.H));
        // a key that is not the frame's stream id is quoted in the reason
        harness.raw(
                hugeKey, frameBytes(hugeKey, 0, ImageEncoding.JPEG, jpeg, Harness.W, Harness.H));
        harness.raw(hugeKey, frameBytes("cam", 1, ImageEncoding.JPEG, jpeg, Harness.W, Harness.H));

        List<DeadLetter> dead = harness.deadLetters();
        assertThat(dead).hasSize(3);
        assertThat(dead.get(0).getReason())
                .contains("the stream id has 257 characters; at most 256");
        assertThat(dead.get(1).getReason()).contains("the stream id has 600000 characters");
        assertThat(dead.get(2).getReason())
                .contains("the record key 'kkkk")
                .matches("(?s).*\\(\\d+ characters, cut at 4096\\)$");
        for (DeadLetter d : dead) {
            assertThat(
                            harness.topics
                                    .deadLetters()
                                    .valueSerde()
                                    .serializer()
                                    .serialize(Topics.DEAD_LETTERS, d)
                                    .length)
                    .isLessThan(16_000);
        }
        assertThat(harness.blocks()).isEmpty();
    }

    @Test
    void shouldDeadLetterARecordThatWasInFlightWhenTheProcessDiedTwice() throws Exception {
        harness.close();
        Path state = Harness.freshDir();
        // what two abnormal exits during offset 0 of task 0_0 leave (InFlightGuard's format)
        Path file =
                state.resolve(DecodeProcessor.IN_FLIGHT_DIR)
                        .resolve("compressor-test")
                        .resolve("0_0");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Topics.FRAMES + " 0 0 1\n");
        harness =
                new Harness(
                        Chain.of(new GridPool(2)),
                        ChainSpec.parse("divprune(64)"),
                        CompressorTopology.Settings.defaults(),
                        state);

        harness.frame(0, 0, Color.RED);
        harness.frame(1, 100, Color.BLUE);
        harness.advanceWallClock(Duration.ofSeconds(11));

        assertThat(harness.deadLetters()).hasSize(1);
        DeadLetter dead = harness.deadLetters().get(0);
        assertThat(dead.getStage()).isEqualTo(DecodeProcessor.STAGE_QUARANTINE);
        assertThat(dead.getReason()).startsWith("crashed the process");
        assertThat(dead.getOffset()).isEqualTo(0L);
        assertThat(dead.getPayload()).as("the original bytes, to look at").isNotNull();
        assertThat(harness.fastSeqs()).containsExactly(1L);
        assertThat(harness.gatedSeqs()).isEmpty();
    }

    @Test
    void shouldPoolEveryFrameIntoTheFastBlockOfItsWindow() {
        for (long seq = 0; seq < 3; seq++) {
            harness.frame(seq, seq * 100, Color.RED);
        }
        assertThat(harness.blocks()).as("the 2 s window is still open").isEmpty();

        harness.advanceWallClock(Duration.ofSeconds(11));

        List<TokenBlock> fast = harness.blocks(Tier.FAST);
        assertThat(fast).hasSize(1);
        TokenBlock block = fast.get(0);
        assertThat(block.getFirstSeq()).isEqualTo(0L);
        assertThat(block.getLastSeq()).isEqualTo(2L);
        assertThat(block.getFrames())
                .extracting(f -> f.getPtsMillis())
                .containsExactly(0L, 100L, 200L);
        assertThat(block.getTokensIn()).isEqualTo(3 * 196L);
        assertThat(block.getTokensOut()).isEqualTo(3 * 49L);
        assertThat(block.getTokens()).allSatisfy(t -> assertThat(t.getSpan()).isEqualTo(4));
        assertThat(block.getTokens()).extracting(t -> t.getFrameIndex()).containsOnly(0, 1, 2);
        assertThat(block.getChain()).extracting(s -> s.getName()).containsExactly("pool");
        assertThat(block.getChain().get(0).getTokensIn()).isEqualTo(3 * 196L);
        assertThat(block.getVectors().getData().remaining())
                .isEqualTo(3 * 49 * block.getDim() * 2); // FP16
        assertThat(harness.deadLetters()).isEmpty();
        assertThat(harness.metrics.framesIn).hasValue(3);
    }

    @Test
    void shouldReportHowFarEachStreamIsBehindItsCapture() {
        // frames are captured at the epoch; the driver's wall clock starts there
        harness.frame("cam-a", 0, 0, Color.RED);
        assertThat(harness.metrics.lagMillis).containsEntry("cam-a", 0L);

        harness.advanceWallClock(Duration.ofSeconds(5));
        harness.frame("cam-a", 1, 100, Color.RED);
        harness.frame("cam-b", 0, 0, Color.BLUE);

        assertThat(harness.metrics.lagMillis).containsEntry("cam-a", 5000L);
        assertThat(harness.metrics.lagMillis).containsEntry("cam-b", 5000L);
    }

    @Test
    void shouldRouteNonAvroBytesToDeadLetterTopicAndKeepGoing() {
        harness.frame(0, 0, Color.RED);
        harness.raw("cam", "this is not a frame".getBytes());
        harness.frame(1, 100, Color.RED);
        harness.advanceWallClock(Duration.ofSeconds(11));

        assertThat(harness.fastSeqs()).containsExactly(0L, 1L);
        DeadLetter dead = harness.deadLetters().get(0);
        assertThat(dead.getStage()).isEqualTo("deserialize");
        assertThat(dead.getReason()).contains("not Avro single-object encoded");
        assertThat(dead.getOffset()).isEqualTo(1L);
        assertThat(dead.getPayload()).isEqualTo(ByteBuffer.wrap("this is not a frame".getBytes()));
        assertThat(harness.metrics.deadLetters.get("deserialize")).hasValue(1);
    }

    @Test
    void shouldRouteAFrameWhoseKeyIsNotItsStreamIdToDeadLetterTopic() {
        harness.raw(
                "other", frameBytes("cam", 0, ImageEncoding.JPEG, Harness.jpeg(Color.RED), 64, 48));

        DeadLetter dead = harness.deadLetters().get(0);
        assertThat(dead.getStage()).isEqualTo("deserialize");
        assertThat(dead.getReason())
                .contains("record key 'other' is not the frame's streamId 'cam'");
    }

    @Test
    void shouldRouteCorruptJpegToDeadLetterTopic() {
        harness.raw(
                "cam",
                frameBytes(0, ImageEncoding.JPEG, new byte[] {(byte) 0xFF, 0x00, 0x12}, 8, 8));
        harness.advanceWallClock(Duration.ofSeconds(11));

        assertThat(harness.blocks()).isEmpty();
        DeadLetter dead = harness.deadLetters().get(0);
        assertThat(dead.getStage()).isEqualTo("decode");
        assertThat(dead.getReason()).contains("JPEG");
        assertThat(dead.getStreamId()).isEqualTo("cam");
    }

    @Test
    void shouldRouteWrongSizeAndOversizeFramesToDeadLetterTopic() {
        harness.raw("cam", frameBytes(0, ImageEncoding.RAW_RGB, new byte[10], 4, 4));
        harness.raw("cam", frameBytes(1, ImageEncoding.JPEG, Harness.jpeg(Color.RED), 20, 16));
        harness.raw("cam", frameBytes(2, ImageEncoding.RAW_RGB, new byte[3], 100_000, 100_000));

        assertThat(harness.deadLetters())
                .extracting(DeadLetter::getReason)
                .satisfiesExactly(
                        r -> assertThat(r).contains("needs 48 bytes, got 10"),
                        r -> assertThat(r).contains("is 64x48 but the frame declares 20x16"),
                        r -> assertThat(r).contains("exceeds the limit"));
        harness.advanceWallClock(Duration.ofSeconds(11));
        assertThat(harness.blocks()).isEmpty();
    }
}
