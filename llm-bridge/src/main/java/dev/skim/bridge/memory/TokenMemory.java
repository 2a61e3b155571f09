package dev.skim.bridge.memory;

import dev.skim.avro.FrameRef;
import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.bridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the token memory held by this instance's stores (Kafka Streams interactive queries). Which
 * instance holds a stream is {@link StreamOwners}' business; this class only reads locally.
 */
@ApplicationScoped
public class TokenMemory implements MemoryView {

    private final Function<String, ReadOnlyKeyValueStore<String, ?>> stores;
    private final MemoryPolicy policy;

    @Inject
    TokenMemory(KafkaStreams streams, BridgeConfig config) {
        this(
                name ->
                        streams.store(
                                StoreQueryParameters.fromNameAndType(
                                        name, QueryableStoreTypes.keyValueStore())),
                TopologyProducer.policy(config));
    }

    /**
     * A reader over stores found by name (for benchmarks and tools that hold the stores directly,
     * e.g. a {@code TopologyTestDriver}).
     */
    public TokenMemory(
            Function<String, ReadOnlyKeyValueStore<String, ?>> stores, MemoryPolicy policy) {
        this.stores = stores;
        this.policy = policy;
    }

    /** Every stream this instance holds, by id. */
    public List<StreamInfo> streams() {
        List<StreamInfo> out = new ArrayList<>();
        try (KeyValueIterator<String, StreamStats> it = stats().all()) {
            it.forEachRemaining(kv -> out.add(StreamInfo.of(kv.value, tiers(kv.key))));
        }
        out.sort(Comparator.comparing(s -> s.totals().streamId()));
        return out;
    }

    /** One stream's totals and tiers, if this instance holds it. */
    @Override
    public Optional<Long> lastPtsMillis(String streamId) {
        return Optional.ofNullable(stats().get(streamId)).map(StreamStats::lastPtsMillis);
    }

    public Optional<StreamInfo> stream(String streamId) {
        return Optional.ofNullable(stats().get(streamId))
                .map(s -> StreamInfo.of(s, tiers(streamId)));
    }

    /**
     * The stream's blocks of the given tiers that overlap [fromMillis, toMillis], in time order
     * (then seq, then tier), at most {@code limit} of them.
     */
    public List<TimelineEntry> timeline(
            String streamId, long fromMillis, long toMillis, int limit, Set<Tier> tiers) {
        List<TokenBlock> all = new ArrayList<>();
        for (Tier tier : tiers) {
            all.addAll(blocks(tier, streamId, fromMillis, toMillis, limit));
        }
        all.sort(
                Comparator.comparingLong((TokenBlock b) -> BlockSpan.of(b).fromMillis())
                        .thenComparingLong(TokenBlock::getFirstSeq)
                        .thenComparing(TokenBlock::getTier));
        List<TimelineEntry> out = new ArrayList<>();
        for (TokenBlock b : all.subList(0, Math.min(limit, all.size()))) {
            out.add(TimelineEntry.of(b, keyframeLinks(b)));
        }
        return out;
    }

    /** All tiers. */
    public static Set<Tier> allTiers() {
        return EnumSet.allOf(Tier.class);
    }

    /**
     * One tier's blocks of a stream that overlap [fromMillis, toMillis], in time order, at most
     * {@code limit}.
     */
    @Override
    public List<TokenBlock> blocks(
            Tier tier, String streamId, long fromMillis, long toMillis, int limit) {
        TierUsage u = usage(streamId, tier.name());
        long seek = Math.max(0, fromMillis - u.maxSpanMillis());
        List<TokenBlock> out = new ArrayList<>();
        try (KeyValueIterator<String, TokenBlock> it =
                tierStore(tier)
                        .range(
                                BlockKey.from(streamId, seek),
                                BlockKey.through(streamId, toMillis))) {
            while (it.hasNext() && out.size() < limit) {
                TokenBlock b = it.next().value;
                if (BlockSpan.of(b).overlaps(fromMillis, toMillis)) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** The keyframe of a frame, if one is held. */
    @Override
    public Optional<Keyframe> keyframe(String streamId, long seq) {
        return Optional.ofNullable(keyframes().get(BlockKey.from(streamId, seq)));
    }

    @Override
    public void keyframes(
            String streamId, long fromMillis, long toMillis, Predicate<Keyframe> visit) {
        try (KeyValueIterator<String, Keyframe> it =
                keyframes().range(BlockKey.from(streamId, 0), BlockKey.to(streamId))) {
            while (it.hasNext()) {
                Keyframe k = it.next().value;
                if (k.getPtsMillis() >= fromMillis
                        && k.getPtsMillis() <= toMillis
                        && !visit.test(k)) {
                    return;
                }
            }
        }
    }

    /** Bytes, blocks and streams held by this instance, per tier (for metrics). */
    public Map<String, long[]> localUsage() {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (KeyValueIterator<String, TierUsage> it = usageStore().all()) {
            while (it.hasNext()) {
                KeyValue<String, TierUsage> kv = it.next();
                String tier = kv.key.substring(kv.key.lastIndexOf('\u0000') + 1);
                long[] sums = out.computeIfAbsent(tier, t -> new long[3]);
                sums[0] += kv.value.bytes();
                sums[1] += kv.value.blocks();
                sums[2] += 1;
            }
        }
        return out;
    }

    /** Link to a keyframe's JPEG. */
    public static String keyframeLink(String streamId, long seq) {
        return "/v1/streams/"
                + java.net.URLEncoder.encode(streamId, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20")
                + "/keyframes/"
                + seq;
    }

    private List<String> keyframeLinks(TokenBlock b) {
        if (b.getTier() != Tier.SLOW) {
            return List.of();
        }
        List<String> links = new ArrayList<>();
        for (FrameRef f : b.getFrames()) {
            if (keyframe(b.getStreamId(), f.getSeq()).isPresent()) {
                links.add(keyframeLink(b.getStreamId(), f.getSeq()));
            }
        }
        return links;
    }

    private List<TierMemory> tiers(String streamId) {
        List<TierMemory> out = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            out.add(
                    TierMemory.of(
                            tier.name(), policy.of(tier).toMillis(), usage(streamId, tier.name())));
        }
        out.add(
                TierMemory.of(
                        MemoryTopology.KEYFRAMES_TIER,
                        policy.keyframes().toMillis(),
                        usage(streamId, MemoryTopology.KEYFRAMES_TIER)));
        return out;
    }

    private TierUsage usage(String streamId, String tier) {
        TierUsage u = usageStore().get(MemoryTopology.usageKey(streamId, tier));
        return u == null ? TierUsage.EMPTY : u;
    }

    private ReadOnlyKeyValueStore<String, StreamStats> stats() {
        return store(MemoryTopology.STATS_STORE);
    }

    private ReadOnlyKeyValueStore<String, TierUsage> usageStore() {
        return store(MemoryTopology.USAGE_STORE);
    }

    private ReadOnlyKeyValueStore<String, TokenBlock> tierStore(Tier tier) {
        return store(MemoryTopology.storeOf(tier));
    }

    private ReadOnlyKeyValueStore<String, Keyframe> keyframes() {
        return store(MemoryTopology.KEYFRAMES_STORE);
    }

    @SuppressWarnings("unchecked")
    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return (ReadOnlyKeyValueStore<String, V>) stores.apply(name);
    }
}
