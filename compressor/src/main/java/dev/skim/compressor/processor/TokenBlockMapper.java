package dev.skim.compressor.processor;

import dev.skim.avro.FrameRef;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.avro.Vectors;
import dev.skim.core.compression.OperatorStats;
import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.WireVectors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Turns compressed tokens (plain values) into the {@link TokenBlock} wire record. */
public final class TokenBlockMapper {

    private final Precision precision;

    public TokenBlockMapper(Precision precision) {
        this.precision = precision;
    }

    /**
     * A block holding the tokens of one frame.
     *
     * @param frame the encoded frame (its grid gives the encoder id and grid shape)
     * @param tokens the frame's compressed tokens
     * @param stats what each operator of the chain did
     */
    public TokenBlock ofFrame(
            EncodedFrame frame, Tier tier, List<Token> tokens, List<OperatorStats> stats) {
        List<TokenRef> refs = new ArrayList<>(tokens.size());
        List<float[]> vectors = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            refs.add(new TokenRef(0, t.row(), t.col(), t.span()));
            vectors.add(t.vector());
        }
        WireVectors wire = WireVectors.encode(vectors, precision);
        List<OperatorStep> chain = new ArrayList<>(stats.size());
        for (OperatorStats s : stats) {
            chain.add(
                    new OperatorStep(
                            s.name(), s.params(), (long) s.tokensIn(), (long) s.tokensOut()));
        }
        return TokenBlock.newBuilder()
                .setStreamId(frame.streamId())
                .setTier(tier)
                .setFirstSeq(frame.seq())
                .setLastSeq(frame.seq())
                .setFrames(List.of(new FrameRef(frame.seq(), frame.ptsMillis(), 0f)))
                .setGated(List.of())
                .setEncoderId(frame.grid().encoderId())
                .setGridRows(frame.grid().rows())
                .setGridCols(frame.grid().cols())
                .setDim(frame.grid().dim())
                .setTokens(refs)
                .setVectors(
                        new Vectors(
                                dev.skim.avro.Precision.valueOf(wire.precision().name()),
                                ByteBuffer.wrap(wire.data()),
                                toList(wire.scales())))
                .setChain(chain)
                .setTokensIn(frame.grid().tokens().size())
                .setTokensOut(tokens.size())
                .build();
    }

    private static List<Float> toList(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float v : values) {
            out.add(v);
        }
        return out;
    }
}
