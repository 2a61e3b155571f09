package dev.skim.bridge;

import dev.skim.avro.FrameRef;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Precision;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.avro.Vectors;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Test fixtures: token blocks as the compressor emits them. */
public final class TokenBlocks {
    private TokenBlocks() {}

    /** A FAST block of one frame with {@code tokens} 2-d FP16 tokens. */
    public static TokenBlock frame(String stream, long seq, long pts, int tokens) {
        List<TokenRef> refs =
                java.util.stream.IntStream.range(0, tokens)
                        .mapToObj(i -> new TokenRef(0, (float) i, 0f, 4))
                        .toList();
        return TokenBlock.newBuilder()
                .setStreamId(stream)
                .setTier(Tier.FAST)
                .setFirstSeq(seq)
                .setLastSeq(seq)
                .setFrames(List.of(new FrameRef(seq, pts, 0f)))
                .setGated(List.of())
                .setEncoderId("test")
                .setGridRows(14)
                .setGridCols(14)
                .setDim(2)
                .setTokens(refs)
                .setVectors(
                        new Vectors(
                                Precision.FP16, ByteBuffer.wrap(new byte[tokens * 4]), List.of()))
                .setChain(List.of(new OperatorStep("pool", Map.of("cell", "2"), 196L, 49L)))
                .setTokensIn(196)
                .setTokensOut(tokens)
                .build();
    }
}
