package dev.skim.bridge.memory;

import java.util.List;

/**
 * A stream as the API shows it: totals since it was first seen, plus what each tier holds now.
 *
 * @param streamId the stream
 * @param frames frames covered by FAST blocks (each frame once)
 * @param blocks token blocks received, all tiers
 * @param tokensIn encoder tokens behind the FAST blocks
 * @param tokensOut tokens received, all tiers
 * @param vectorBytes bytes of token vectors received, all tiers
 * @param firstSeq lowest frame seq seen
 * @param lastSeq highest frame seq seen
 * @param firstPtsMillis earliest presentation time seen
 * @param lastPtsMillis latest presentation time seen
 * @param bytesHeld serialized bytes held now, all tiers and keyframes
 * @param tiers what each tier holds now
 */
public record StreamInfo(
        String streamId,
        long frames,
        long blocks,
        long tokensIn,
        long tokensOut,
        long vectorBytes,
        long firstSeq,
        long lastSeq,
        long firstPtsMillis,
        long lastPtsMillis,
        long bytesHeld,
        List<TierMemory> tiers) {

    static StreamInfo of(StreamStats s, List<TierMemory> tiers) {
        return new StreamInfo(
                s.streamId(),
                s.frames(),
                s.blocks(),
                s.tokensIn(),
                s.tokensOut(),
                s.vectorBytes(),
                s.firstSeq(),
                s.lastSeq(),
                s.firstPtsMillis(),
                s.lastPtsMillis(),
                tiers.stream().mapToLong(TierMemory::bytes).sum(),
                tiers);
    }
}
