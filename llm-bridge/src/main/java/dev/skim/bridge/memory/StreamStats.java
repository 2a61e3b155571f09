package dev.skim.bridge.memory;

import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/**
 * Running totals of one stream's token memory.
 *
 * @param streamId the stream
 * @param frames frames covered by FAST blocks (each frame once)
 * @param blocks token blocks received, all tiers
 * @param tokensIn encoder tokens behind the FAST blocks
 * @param tokensOut tokens stored, all tiers
 * @param vectorBytes bytes of token vectors stored, all tiers
 * @param firstSeq lowest frame seq seen
 * @param lastSeq highest frame seq seen
 * @param firstPtsMillis earliest presentation time seen
 * @param lastPtsMillis latest presentation time seen
 */
public record StreamStats(
        String streamId,
        long frames,
        long blocks,
        long tokensIn,
        long tokensOut,
        long vectorBytes,
        long firstSeq,
        long lastSeq,
        long firstPtsMillis,
        long lastPtsMillis) {

    /** Nothing seen yet. */
    public static StreamStats empty(String streamId) {
        return new StreamStats(
                streamId,
                0,
                0,
                0,
                0,
                0,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                Long.MIN_VALUE);
    }

    /** These totals plus one more block. */
    public StreamStats plus(TokenBlock block) {
        boolean fast = block.getTier() == Tier.FAST;
        Optional<BlockSpan> span = BlockSpan.framesOf(block);
        return new StreamStats(
                streamId,
                frames + (fast ? block.getFrames().size() + block.getGated().size() : 0),
                blocks + 1,
                tokensIn + (fast ? block.getTokensIn() : 0),
                tokensOut + block.getTokensOut(),
                vectorBytes + block.getVectors().getData().remaining(),
                Math.min(firstSeq, block.getFirstSeq()),
                Math.max(lastSeq, block.getLastSeq()),
                span.map(s -> Math.min(firstPtsMillis, s.fromMillis())).orElse(firstPtsMillis),
                span.map(s -> Math.max(lastPtsMillis, s.toMillis())).orElse(lastPtsMillis));
    }

    static Serde<StreamStats> serde() {
        return FixedLayout.serde(StreamStats::toBytes, StreamStats::read);
    }

    private byte[] toBytes() {
        return FixedLayout.textAndLongs(
                streamId,
                frames,
                blocks,
                tokensIn,
                tokensOut,
                vectorBytes,
                firstSeq,
                lastSeq,
                firstPtsMillis,
                lastPtsMillis);
    }

    private static StreamStats read(ByteBuffer b) {
        String id = FixedLayout.text(b);
        long[] v = FixedLayout.longs(b, 9);
        return new StreamStats(id, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
