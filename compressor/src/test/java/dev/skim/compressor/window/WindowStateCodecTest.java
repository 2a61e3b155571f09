package dev.skim.compressor.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.Token;
import dev.skim.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowStateCodecTest {

    private static final Chain POOL = ChainSpec.parse("pool(2)");
    private static final BlockAssembler.EncoderInfo ENCODER =
            new BlockAssembler.EncoderInfo("enc", 4, 4, 96);

    private static WindowedFrame frame(long seq, int tokens) {
        SplittableRandom random = new SplittableRandom(seq);
        List<Token> list = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            float[] v = new float[96];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) (random.nextGaussian() * 3);
            }
            list.add(new Token(v, 0, i / 2 + 0.5f, i % 2 + 0.5f, 4));
        }
        return new WindowedFrame(seq, seq * 100, 0.25f, 16, list, new int[] {tokens});
    }

    private static byte[] block(BlockAssembler assembler, List<WindowedFrame> frames) {
        List<TokenBlock> blocks = assembler.blocks("s", Tier.FAST, 1, 3, frames, POOL);
        assertThat(blocks).hasSize(1);
        return Topics.defaults().tokens().valueSerde().serializer().serialize("t", blocks.get(0));
    }

    @Test
    void shouldKeepFastTokensInFp16WhenTheWireIsFp16WithoutChangingABitOfTheBlock() {
        BlockAssembler assembler = new BlockAssembler(ENCODER, Precision.FP16, 900_000);
        List<WindowedFrame> original = List.of(frame(1, 4), frame(2, 0), frame(3, 4));

        List<WindowedFrame> stored = new ArrayList<>();
        int fp16Bytes = 0;
        for (WindowedFrame f : original) {
            byte[] bytes = WindowStateCodec.toBytes(f, assembler.statePrecision());
            fp16Bytes += bytes.length;
            stored.add(WindowStateCodec.windowedFrame(bytes));
        }
        int fp32Bytes = 0;
        for (WindowedFrame f : original) {
            fp32Bytes += WindowStateCodec.toBytes(f, Precision.FP32).length;
        }

        assertThat(assembler.statePrecision()).isEqualTo(Precision.FP16);
        assertThat(block(assembler, stored)).isEqualTo(block(assembler, original));
        assertThat(stored.get(1).gated()).isTrue();
        assertThat(stored.get(2).tokens().get(3).row()).isEqualTo(1.5f);
        assertThat(stored.get(2).tokens().get(3).span()).isEqualTo(4);
        // 8 tokens x 96 values: 2 bytes a value instead of 4
        assertThat(fp32Bytes - fp16Bytes).isEqualTo(8 * 96 * 2);
    }

    @Test
    void shouldKeepFastTokensExactlyWhenTheWireIsNotFp16() {
        for (Precision wire : List.of(Precision.FP32, Precision.INT8)) {
            BlockAssembler assembler = new BlockAssembler(ENCODER, wire, 900_000);
            WindowedFrame f = frame(5, 3);

            WindowedFrame back =
                    WindowStateCodec.windowedFrame(
                            WindowStateCodec.toBytes(f, assembler.statePrecision()));

            assertThat(assembler.statePrecision()).isEqualTo(Precision.FP32);
            for (int i = 0; i < 3; i++) {
                assertThat(back.tokens().get(i).vector()).isEqualTo(f.tokens().get(i).vector());
            }
        }
        assertThatThrownBy(() -> WindowStateCodec.toBytes(frame(1, 1), Precision.INT8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INT8");
    }

    @Test
    void shouldStillReadFramesWrittenByVersionOne() throws IOException {
        // the version 1 layout: each token's metadata followed by its FP32 vector
        WindowedFrame f = frame(7, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(f.seq());
            out.writeLong(f.ptsMillis());
            out.writeFloat(f.novelty());
            out.writeInt(f.tokensIn());
            out.writeInt(1);
            out.writeInt(f.stepsOut()[0]);
            out.writeInt(2);
            for (Token t : f.tokens()) {
                out.writeInt(t.frame());
                out.writeFloat(t.row());
                out.writeFloat(t.col());
                out.writeInt(t.span());
                out.writeInt(t.vector().length);
                for (float x : t.vector()) {
                    out.writeFloat(x);
                }
            }
        }

        WindowedFrame back = WindowStateCodec.windowedFrame(bytes.toByteArray());

        assertThat(back.seq()).isEqualTo(7);
        assertThat(back.stepsOut()).containsExactly(2);
        assertThat(back.tokens().get(1).vector()).isEqualTo(f.tokens().get(1).vector());
        assertThat(back.tokens().get(1).col()).isEqualTo(f.tokens().get(1).col());
    }

    @Test
    void shouldStillReadFramesWrittenByVersionTwoWithoutAFrameTierToken() throws IOException {
        // the version 2 layout (the release before the FRAME tier; running deployments' changelogs
        // hold it): metadata, token count, width, every token's position, then the vectors in FP16
        WindowedFrame f = frame(8, 2);
        List<float[]> vectors = f.tokens().stream().map(Token::vector).toList();
        byte[] fp16 = dev.skim.core.tokens.WireVectors.encode(vectors, Precision.FP16).data();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeLong(f.seq());
            out.writeLong(f.ptsMillis());
            out.writeFloat(f.novelty());
            out.writeInt(f.tokensIn());
            out.writeInt(1);
            out.writeInt(f.stepsOut()[0]);
            out.writeInt(2);
            out.writeByte(2);
            for (Token t : f.tokens()) {
                out.writeInt(t.frame());
                out.writeFloat(t.row());
                out.writeFloat(t.col());
                out.writeInt(t.span());
            }
            out.writeInt(96);
            out.write(fp16);
        }

        WindowedFrame back = WindowStateCodec.windowedFrame(bytes.toByteArray());

        assertThat(back.seq()).isEqualTo(8);
        assertThat(back.stepsOut()).containsExactly(2);
        assertThat(back.tokens()).hasSize(2);
        assertThat(back.tokens().get(1).row()).isEqualTo(f.tokens().get(1).row());
        assertThat(back.tokens().get(1).vector())
                .isEqualTo(
                        WindowStateCodec.windowedFrame(WindowStateCodec.toBytes(f, Precision.FP16))
                                .tokens()
                                .get(1)
                                .vector());
        assertThat(back.frameToken()).isNull();
        // in its FRAME block such a frame is listed as gated: it has no token there
        assertThat(back.frameTier().gated()).isTrue();
    }

    @Test
    void shouldKeepTheFrameTierTokenOfKeptAndGatedFramesAtTheStatePrecision() {
        float[] mean = frame(9, 1).tokens().get(0).vector();
        Token one = new Token(mean, 0, 1.5f, 1.5f, 16);
        for (Precision state : List.of(Precision.FP16, Precision.FP32)) {
            for (WindowedFrame f : List.of(frame(9, 3), frame(10, 0))) {
                WindowedFrame with =
                        new WindowedFrame(
                                f.seq(),
                                f.ptsMillis(),
                                f.novelty(),
                                16,
                                f.tokens(),
                                f.stepsOut(),
                                one);

                WindowedFrame back =
                        WindowStateCodec.windowedFrame(WindowStateCodec.toBytes(with, state));

                assertThat(back.tokens()).hasSameSizeAs(f.tokens());
                assertThat(back.frameToken().row()).isEqualTo(1.5f);
                assertThat(back.frameToken().span()).isEqualTo(16);
                float[] expected =
                        state == Precision.FP32
                                ? mean
                                : new dev.skim.core.tokens.WireVectors(
                                                Precision.FP16,
                                                1,
                                                mean.length,
                                                dev.skim.core.tokens.WireVectors.encode(
                                                                List.of(mean), Precision.FP16)
                                                        .data(),
                                                null)
                                        .decode()
                                        .get(0);
                assertThat(back.frameToken().vector()).isEqualTo(expected);
                assertThat(back.frameTier().tokens()).hasSize(1);
                assertThat(back.frameTier().stepsOut()).containsExactly(1);
            }
        }
    }

    @Test
    void shouldRefuseAtStartUpAnEncoderWhoseFrameStateCannotFitARecord() {
        // a 24 x 24 grid of 1024-d (a ViT-L at 336 px): INT8 blocks fit, the FP32 state does not
        assertThatThrownBy(
                        () ->
                                new BlockAssembler(
                                        new BlockAssembler.EncoderInfo("vit-l", 24, 24, 1024),
                                        Precision.INT8,
                                        900_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the window state of one frame of 576 tokens of 1024-d")
                .hasMessageContaining("FAST tokens at FP32")
                .hasMessageContaining("skim.compressor.max-record-bytes=900000");
        // and at FP16 on a larger limit, its full grid as a slow candidate
        assertThatThrownBy(
                        () ->
                                new BlockAssembler(
                                        new BlockAssembler.EncoderInfo("vit-l", 24, 24, 1024),
                                        Precision.FP16,
                                        1_300_000))
                .hasMessageContaining("full grid in FP16, keyframe and tag image");
        new BlockAssembler(
                new BlockAssembler.EncoderInfo("mobilenetv2", 14, 14, 384),
                Precision.FP32,
                900_000);
    }

    @Test
    void shouldRefuseAVersionItDoesNotKnow() {
        byte[] bytes = WindowStateCodec.toBytes(frame(1, 1), Precision.FP16);
        bytes[0] = 9;

        assertThatThrownBy(() -> WindowStateCodec.windowedFrame(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void shouldRefuseATokenWidthItDoesNotKnow() {
        byte[] bytes = WindowStateCodec.toBytes(frame(1, 1), Precision.FP16);
        // version, seq, pts, novelty, tokens in, steps (count and one), token count: 37 bytes
        assertThat(bytes[37]).isEqualTo((byte) 2);
        bytes[37] = 3;

        assertThatThrownBy(() -> WindowStateCodec.windowedFrame(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown FAST token width 3");
    }

    @Test
    void shouldKeepVersionOneForTheValuesWhoseLayoutDidNotChange() {
        assertThat(WindowStateCodec.toBytes(StreamWindows.empty())[0]).isEqualTo((byte) 1);
        assertThat(WindowStateCodec.toBytes(frame(1, 1), Precision.FP16)[0]).isEqualTo((byte) 3);
    }

    @Test
    void shouldCallANegativeTokenCountCorruptNotCrash() {
        byte[] bytes = WindowStateCodec.toBytes(frame(1, 1), Precision.FP16);
        // the token count is the int before the width byte (bytes 33..36)
        bytes[33] = (byte) 0x80;

        assertThatThrownBy(() -> WindowStateCodec.windowedFrame(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corrupt window state");
    }

    private static SlowFrame slowFrame(SlowFrame.Thumbnail tagImage) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(Token.patch(new float[] {i, 1, 2}, 0, i / 2, i % 2));
        }
        return new SlowFrame(
                5,
                500,
                0.5f,
                new dev.skim.core.tokens.TokenGrid("enc", 2, 2, tokens, null, null),
                new SlowFrame.Thumbnail(32, 18, new byte[] {1, 2, 3}),
                tagImage);
    }

    @Test
    void aSlowFrameWithoutTagImageShouldKeepTheLayoutEarlierReleasesRead() {
        byte[] bytes = WindowStateCodec.toBytes(slowFrame(null));

        assertThat(bytes[0]).isEqualTo((byte) 1);
        SlowFrame read = WindowStateCodec.slowFrame(bytes);
        assertThat(read.tagImage()).isNull();
        assertThat(read.keyframe().jpeg()).containsExactly(1, 2, 3);
        assertThat(read.grid().tokens()).hasSize(4);
    }

    @Test
    void aSlowFrameShouldCarryItsTagImage() {
        byte[] bytes =
                WindowStateCodec.toBytes(
                        slowFrame(new SlowFrame.Thumbnail(640, 360, new byte[] {9, 8, 7, 6})));

        assertThat(bytes[0]).isEqualTo((byte) 2);
        SlowFrame read = WindowStateCodec.slowFrame(bytes);
        assertThat(read.keyframe().width()).isEqualTo(32);
        assertThat(read.tagImage().width()).isEqualTo(640);
        assertThat(read.tagImage().height()).isEqualTo(360);
        assertThat(read.tagImage().jpeg()).containsExactly(9, 8, 7, 6);
    }
}
