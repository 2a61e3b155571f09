package dev.skim.bridge.memory;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A stream as the API shows it: its totals since it was first seen (one flat JSON object: {@code
 * streamId}, {@code frames}, ... {@code lastPtsMillis}), plus what each tier holds now.
 *
 * @param totals the stream's running totals ({@link StreamStats}; their fields are this object's)
 * @param bytesHeld serialized bytes held now, all tiers and keyframes
 * @param tiers what each tier holds now
 */
public record StreamInfo(
        @JsonUnwrapped StreamStats totals, long bytesHeld, List<TierMemory> tiers) {

    static StreamInfo of(StreamStats s, List<TierMemory> tiers) {
        return new StreamInfo(s, tiers.stream().mapToLong(TierMemory::bytes).sum(), tiers);
    }
}
