package dev.skim.bridge;

import dev.skim.avro.FrameRef;
import dev.skim.avro.Keyframe;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Precision;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.avro.Vectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Test fixtures: token blocks and keyframes as the compressor emits them. */
public final class TokenBlocks {
    private TokenBlocks() {}

    /** A FAST block of one frame with {@code tokens} 2-d FP16 tokens. */
    public static TokenBlock frame(String stream, long seq, long pts, int tokens) {
        return block(stream, Tier.FAST, seq, pts, 0f, tokens, 2, "test");
    }

    /** A block of one frame of the given tier with zero FP16 vectors of {@code dim}. */
    public static TokenBlock block(
            String stream,
            Tier tier,
            long seq,
            long pts,
            float novelty,
            int tokens,
            int dim,
            String encoder) {
        return withVectors(
                stream,
                tier,
                seq,
                pts,
                novelty,
                IntStream.range(0, tokens).mapToObj(i -> new float[dim]).toList(),
                encoder);
    }

    /** A block of one frame whose tokens are the given FP32 vectors. */
    public static TokenBlock withVectors(
            String stream,
            Tier tier,
            long seq,
            long pts,
            float novelty,
            List<float[]> vectors,
            String encoder) {
        int dim = vectors.isEmpty() ? 2 : vectors.get(0).length;
        boolean fp32 =
                vectors.stream()
                        .anyMatch(v -> IntStream.range(0, v.length).anyMatch(i -> v[i] != 0));
        ByteBuffer data =
                ByteBuffer.allocate(vectors.size() * dim * (fp32 ? 4 : 2))
                        .order(ByteOrder.LITTLE_ENDIAN);
        if (fp32) {
            vectors.forEach(
                    v -> {
                        for (float x : v) {
                            data.putFloat(x);
                        }
                    });
        }
        List<TokenRef> refs =
                IntStream.range(0, vectors.size())
                        .mapToObj(i -> new TokenRef(0, (float) i / 14, (float) i % 14, 4))
                        .toList();
        return TokenBlock.newBuilder()
                .setStreamId(stream)
                .setTier(tier)
                .setFirstSeq(seq)
                .setLastSeq(seq)
                .setFrames(List.of(new FrameRef(seq, pts, novelty)))
                .setGated(List.of())
                .setEncoderId(encoder)
                .setGridRows(14)
                .setGridCols(14)
                .setDim(dim)
                .setTokens(refs)
                .setVectors(
                        new Vectors(
                                fp32 ? Precision.FP32 : Precision.FP16,
                                ByteBuffer.wrap(data.array()),
                                List.of()))
                .setChain(List.of(new OperatorStep("pool", Map.of("cell", "2"), 196L, 49L)))
                .setTokensIn(196)
                .setTokensOut(vectors.size())
                .build();
    }

    /** An OBJECT tag (a COCO class) with its box. */
    public static dev.skim.avro.Tag object(
            String label, float score, float x, float y, float w, float h) {
        return new dev.skim.avro.Tag(
                dev.skim.avro.TagKind.OBJECT, label, score, x, y, w, h, List.of());
    }

    /** A TEXT tag (text read in the frame). */
    public static dev.skim.avro.Tag text(String text, float score) {
        return new dev.skim.avro.Tag(
                dev.skim.avro.TagKind.TEXT, text, score, 0.4f, 0.1f, 0.2f, 0.05f, List.of());
    }

    /** A keyframe with a few fake JPEG bytes and tags, as a tagging compressor sends it. */
    public static Keyframe keyframe(String stream, long seq, long pts, dev.skim.avro.Tag... tags) {
        Keyframe k = keyframe(stream, seq, pts);
        k.setTags(List.of(tags));
        k.setGridRows(14);
        k.setGridCols(14);
        k.setTagger("test-tagger");
        return k;
    }

    /** A keyframe with a few fake JPEG bytes. */
    public static Keyframe keyframe(String stream, long seq, long pts) {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) seq, (byte) 0xFF, (byte) 0xD9};
        return new Keyframe(
                stream, seq, pts, 64, 36, ByteBuffer.wrap(jpeg), java.util.List.of(), 0, 0, "");
    }
}
