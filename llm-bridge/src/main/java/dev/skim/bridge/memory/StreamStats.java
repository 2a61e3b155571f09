package dev.skim.bridge.memory;

import dev.skim.avro.TokenBlock;
import java.nio.ByteBuffer;

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
        boolean fast = block.getTier() == dev.skim.avro.Tier.FAST;
        long minPts = firstPtsMillis;
        long maxPts = lastPtsMillis;
        for (var f : block.getFrames()) {
            minPts = Math.min(minPts, f.getPtsMillis());
            maxPts = Math.max(maxPts, f.getPtsMillis());
        }
        for (var f : block.getGated()) {
            minPts = Math.min(minPts, f.getPtsMillis());
            maxPts = Math.max(maxPts, f.getPtsMillis());
        }
        return new StreamStats(
                streamId,
                frames + (fast ? block.getFrames().size() + block.getGated().size() : 0),
                blocks + 1,
                tokensIn + (fast ? block.getTokensIn() : 0),
                tokensOut + block.getTokensOut(),
                vectorBytes + block.getVectors().getData().remaining(),
                Math.min(firstSeq, block.getFirstSeq()),
                Math.max(lastSeq, block.getLastSeq()),
                minPts,
                maxPts);
    }

    byte[] toBytes() {
        byte[] id = streamId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + id.length + 9 * 8);
        b.putInt(id.length).put(id);
        b.putLong(frames).putLong(blocks).putLong(tokensIn).putLong(tokensOut);
        b.putLong(vectorBytes).putLong(firstSeq).putLong(lastSeq);
        b.putLong(firstPtsMillis).putLong(lastPtsMillis);
        return b.array();
    }

    static StreamStats fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] id = new byte[b.getInt()];
        b.get(id);
        return new StreamStats(
                new String(id, java.nio.charset.StandardCharsets.UTF_8),
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong());
    }
}
