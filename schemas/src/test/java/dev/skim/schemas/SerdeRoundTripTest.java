package dev.skim.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.FrameRef;
import dev.skim.avro.ImageEncoding;
import dev.skim.avro.Keyframe;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Precision;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.avro.Vectors;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SerdeRoundTripTest {

    private final Topics topics = Topics.defaults();

    static Frame frame() {
        return Frame.newBuilder()
                .setStreamId("cam-1")
                .setSeq(42)
                .setPtsMillis(4200)
                .setCapturedAt(Instant.ofEpochMilli(1_700_000_000_123L))
                .setWidth(2)
                .setHeight(1)
                .setEncoding(ImageEncoding.RAW_RGB)
                .setData(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6}))
                .setAttributes(Map.of("source", "test"))
                .build();
    }

    private static <T> T roundTrip(Serde<T> serde, String topic, T value) {
        byte[] bytes = serde.serializer().serialize(topic, value);
        return serde.deserializer().deserialize(topic, bytes);
    }

    @Test
    void shouldRoundTripFrame() {
        Frame frame = frame();
        assertThat(roundTrip(topics.frames().valueSerde(), Topics.FRAMES, frame)).isEqualTo(frame);
    }

    static TokenBlock tokenBlock() {
        return TokenBlock.newBuilder()
                .setStreamId("cam-1")
                .setTier(Tier.SLOW)
                .setFirstSeq(10)
                .setLastSeq(19)
                .setFrames(List.of(new FrameRef(10L, 1000L, 0.5f)))
                .setGated(List.of(new FrameRef(11L, 1100L, 0.0f)))
                .setEncoderId("classical-v1")
                .setGridRows(14)
                .setGridCols(14)
                .setDim(2)
                .setTokens(List.of(new TokenRef(0, 1.5f, 2.5f, 4)))
                .setVectors(
                        new Vectors(
                                Precision.INT8,
                                ByteBuffer.wrap(new byte[] {7, -7}),
                                List.of(0.25f)))
                .setChain(List.of(new OperatorStep("pool", Map.of("cell", "2"), 196L, 49L)))
                .setTokensIn(196)
                .setTokensOut(1)
                .build();
    }

    @Test
    void shouldRoundTripTokenBlock() {
        TokenBlock block = tokenBlock();
        assertThat(roundTrip(topics.tokens().valueSerde(), Topics.TOKENS, block)).isEqualTo(block);
    }

    @Test
    void shouldRoundTripKeyframe() {
        Keyframe keyframe =
                new Keyframe(
                        "cam-1",
                        3L,
                        300L,
                        64,
                        48,
                        ByteBuffer.wrap(new byte[] {(byte) 0xFF}),
                        java.util.List.of(),
                        0,
                        0,
                        "");
        assertThat(roundTrip(topics.keyframes().valueSerde(), Topics.KEYFRAMES, keyframe))
                .isEqualTo(keyframe);
    }

    @Test
    void shouldRoundTripDeadLetter() {
        DeadLetter dead =
                DeadLetter.newBuilder()
                        .setStreamId(null)
                        .setTopic(Topics.FRAMES)
                        .setPartition(3)
                        .setOffset(99)
                        .setStage("decode")
                        .setReason("not an image")
                        .setExceptionClass("java.io.IOException")
                        .setPayload(ByteBuffer.wrap("hello".getBytes()))
                        .setPayloadRef(null)
                        .setFailedAt(Instant.ofEpochMilli(5))
                        .build();
        assertThat(roundTrip(topics.deadLetters().valueSerde(), Topics.DEAD_LETTERS, dead))
                .isEqualTo(dead);
    }

    @Test
    void shouldNameEveryTopicOnceWithTheBridgesDeadLettersApartFromTheCompressors() {
        assertThat(topics.names())
                .containsExactly(
                        "skim.frames",
                        "skim.tokens",
                        "skim.keyframes",
                        "skim.frames.dlq",
                        "skim.tokens.dlq")
                .doesNotHaveDuplicates();
        assertThat(topics.tokenDeadLetters().name()).isEqualTo(Topics.TOKEN_DEAD_LETTERS);
        DeadLetter dead =
                DeadLetter.newBuilder()
                        .setStreamId("cam-1")
                        .setTopic(Topics.TOKENS)
                        .setPartition(0)
                        .setOffset(7)
                        .setStage("deserialize")
                        .setReason("not Avro")
                        .setPayload(ByteBuffer.wrap(new byte[] {1, 2}))
                        .setFailedAt(Instant.ofEpochMilli(5))
                        .build();
        assertThat(
                        roundTrip(
                                topics.tokenDeadLetters().valueSerde(),
                                Topics.TOKEN_DEAD_LETTERS,
                                dead))
                .isEqualTo(dead);
    }

    @Test
    void shouldStartWithSingleObjectHeader() {
        byte[] bytes = topics.frames().valueSerde().serializer().serialize(Topics.FRAMES, frame());
        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
    }

    @Test
    void shouldNameTheProblemWhenBytesAreNotAvro() {
        byte[] json = "{\"seq\": 1}".getBytes();
        assertThatThrownBy(
                        () ->
                                topics.frames()
                                        .valueSerde()
                                        .deserializer()
                                        .deserialize(Topics.FRAMES, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Frame from topic skim.frames")
                .hasMessageContaining("not Avro single-object encoded")
                .hasMessageContaining("7b22");
    }

    @Test
    void shouldNameTheProblemWhenBodyIsTruncated() {
        byte[] bytes = topics.frames().valueSerde().serializer().serialize(Topics.FRAMES, frame());
        byte[] truncated = Arrays.copyOf(bytes, 14);
        assertThatThrownBy(
                        () ->
                                topics.frames()
                                        .valueSerde()
                                        .deserializer()
                                        .deserialize(Topics.FRAMES, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("corrupt or truncated");
    }

    @Test
    void shouldNameTheProblemWhenFingerprintIsUnknown() {
        byte[] bytes =
                topics.keyframes()
                        .valueSerde()
                        .serializer()
                        .serialize(
                                "t",
                                new Keyframe(
                                        "s",
                                        1L,
                                        1L,
                                        1,
                                        1,
                                        ByteBuffer.wrap(new byte[0]),
                                        java.util.List.of(),
                                        0,
                                        0,
                                        ""));
        assertThatThrownBy(
                        () ->
                                topics.frames()
                                        .valueSerde()
                                        .deserializer()
                                        .deserialize(Topics.FRAMES, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown writer schema fingerprint");
    }

    @Test
    void shouldRejectUnknownFormat() {
        assertThatThrownBy(() -> SerdeFactory.fromConfig(Map.of(SerdeFactory.FORMAT_CONFIG, "xml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xml'")
                .hasMessageContaining("single-object");
    }
}
