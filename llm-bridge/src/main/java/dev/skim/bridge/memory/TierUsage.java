package dev.skim.bridge.memory;

import java.nio.ByteBuffer;

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

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(7 * 8);
        b.putLong(blocks).putLong(tokens).putLong(bytes);
        b.putLong(oldestPtsMillis).putLong(newestPtsMillis).putLong(maxSpanMillis).putLong(expired);
        return b.array();
    }

    static TierUsage fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new TierUsage(
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong(),
                b.getLong());
    }

    static org.apache.kafka.common.serialization.Serde<TierUsage> serde() {
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(
                (topic, u) -> u == null ? null : u.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }
}
