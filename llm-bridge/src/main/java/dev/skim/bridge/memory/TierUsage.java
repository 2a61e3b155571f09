package dev.skim.bridge.memory;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;

/**
 * What one tier of one stream holds right now (after expiry).
 *
 * @param blocks blocks (or keyframes) held
 * @param tokens tokens held
 * @param bytes serialized bytes held (what the state store and its changelog keep)
 * @param oldestPtsMillis start of the oldest item held
 * @param newestPtsMillis newest presentation time seen on this tier (the stream time of expiry)
 * @param maxSpanMillis longest block span seen, so that a time-range scan can start early enough
 * @param expired items dropped by retention so far
 */
record TierUsage(
        long blocks,
        long tokens,
        long bytes,
        long oldestPtsMillis,
        long newestPtsMillis,
        long maxSpanMillis,
        long expired) {

    static final TierUsage EMPTY = new TierUsage(0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0);

    TierUsage plus(long tokens, long bytes, long fromPts, long toPts) {
        return new TierUsage(
                blocks + 1,
                this.tokens + tokens,
                this.bytes + bytes,
                Math.min(oldestPtsMillis, fromPts),
                Math.max(newestPtsMillis, toPts),
                Math.max(maxSpanMillis, toPts - fromPts),
                expired);
    }

    TierUsage minus(long tokens, long bytes) {
        return new TierUsage(
                blocks - 1,
                this.tokens - tokens,
                this.bytes - bytes,
                oldestPtsMillis,
                newestPtsMillis,
                maxSpanMillis,
                expired + 1);
    }

    TierUsage withOldest(long pts) {
        return new TierUsage(blocks, tokens, bytes, pts, newestPtsMillis, maxSpanMillis, expired);
    }

    static Serde<TierUsage> serde() {
        return FixedLayout.serde(TierUsage::toBytes, TierUsage::read);
    }

    private byte[] toBytes() {
        return FixedLayout.longs(
                blocks, tokens, bytes, oldestPtsMillis, newestPtsMillis, maxSpanMillis, expired);
    }

    private static TierUsage read(ByteBuffer b) {
        long[] v = FixedLayout.longs(b, 7);
        return new TierUsage(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
