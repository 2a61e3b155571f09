package dev.skim.bridge.memory;

/**
 * What one tier of a stream holds now, after expiry.
 *
 * @param tier FAST, SLOW, FRAME or KEYFRAMES
 * @param retentionMillis how much stream time the tier keeps
 * @param blocks blocks (or keyframes) held
 * @param tokens tokens held
 * @param bytes serialized bytes held in the state store
 * @param fromPtsMillis oldest presentation time held, or null when empty
 * @param toPtsMillis newest presentation time seen, or null when nothing was seen
 * @param bytesPerStreamHour bytes held per hour of stream time held (bytes / held span); the memory
 *     bound of the tier is this figure times the retention in hours
 * @param expired blocks dropped by retention so far
 */
public record TierMemory(
        String tier,
        long retentionMillis,
        long blocks,
        long tokens,
        long bytes,
        Long fromPtsMillis,
        Long toPtsMillis,
        Long bytesPerStreamHour,
        long expired) {

    static TierMemory of(String tier, long retentionMillis, TierUsage u) {
        boolean any = u.blocks() > 0;
        Long from = any ? u.oldestPtsMillis() : null;
        Long to = u.newestPtsMillis() == Long.MIN_VALUE ? null : u.newestPtsMillis();
        Long perHour = null;
        if (any && to != null) {
            // a single frame still stands for at least one second of video
            long span = Math.max(1000, to - from);
            perHour = Math.round(u.bytes() * 3_600_000.0 / span);
        }
        return new TierMemory(
                tier,
                retentionMillis,
                u.blocks(),
                u.tokens(),
                u.bytes(),
                from,
                to,
                perHour,
                u.expired());
    }
}
