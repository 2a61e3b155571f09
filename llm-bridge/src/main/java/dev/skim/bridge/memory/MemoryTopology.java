package dev.skim.bridge.memory;

import dev.skim.avro.Tier;
import dev.skim.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The bridge's token memory: materializes {@code skim.tokens} and {@code skim.keyframes} into
 * per-stream state stores that the REST API queries (interactive queries).
 *
 * <ul>
 *   <li>{@value #FAST_STORE}, {@value #SLOW_STORE}, {@value #FRAME_STORE}: the blocks of one tier,
 *       keyed by stream and time, each with its own retention ({@link MemoryPolicy});
 *   <li>{@value #KEYFRAMES_STORE}: keyframe JPEGs keyed by stream and seq;
 *   <li>{@value #USAGE_STORE}: what each tier of each stream holds now (blocks, tokens, bytes, time
 *       span), kept exact through expiry;
 *   <li>{@value #STATS_STORE}: running totals per stream since it was first seen.
 * </ul>
 *
 * <p>All stores are keyed by stream id first, and both input topics are keyed by stream id, so one
 * stream's memory lives in one task and is found with {@code queryMetadataForKey(STATS_STORE, id)}.
 */
public final class MemoryTopology {

    public static final String TOKENS_SOURCE = "tokens-source";
    public static final String KEYFRAMES_SOURCE = "keyframes-source";
    public static final String REMEMBER = "remember-block";
    public static final String REMEMBER_KEYFRAME = "remember-keyframe";
    public static final String FAST_STORE = "tier-fast";
    public static final String SLOW_STORE = "tier-slow";
    public static final String FRAME_STORE = "tier-frame";
    public static final String KEYFRAMES_STORE = "keyframes";
    public static final String USAGE_STORE = "tier-usage";
    public static final String STATS_STORE = "stream-stats";

    /** Usage-store tier name of keyframes. */
    public static final String KEYFRAMES_TIER = "KEYFRAMES";

    private MemoryTopology() {}

    /** Store name of a tier. */
    public static String storeOf(Tier tier) {
        return switch (tier) {
            case FAST -> FAST_STORE;
            case SLOW -> SLOW_STORE;
            case FRAME -> FRAME_STORE;
        };
    }

    /** Usage-store key of one stream's tier. */
    static String usageKey(String streamId, String tier) {
        return streamId + '\u0000' + tier;
    }

    /** The topology with RocksDB stores backed by changelogs. */
    public static Topology build(Topics topics, MemoryPolicy policy) {
        return build(topics, policy, Stores::persistentKeyValueStore);
    }

    /**
     * The topology with stores from {@code stores} (in-memory stores make topology tests fast;
     * RocksDB flushes on every test-driver commit).
     */
    static Topology build(
            Topics topics,
            MemoryPolicy policy,
            java.util.function.Function<String, KeyValueBytesStoreSupplier> stores) {
        StreamsBuilder builder = new StreamsBuilder();
        for (Tier tier : Tier.values()) {
            builder.addStateStore(
                    Stores.keyValueStoreBuilder(
                            stores.apply(storeOf(tier)),
                            Serdes.String(),
                            topics.tokens().valueSerde()));
        }
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        stores.apply(KEYFRAMES_STORE),
                        Serdes.String(),
                        topics.keyframes().valueSerde()));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        stores.apply(USAGE_STORE), Serdes.String(), TierUsage.serde()));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        stores.apply(STATS_STORE), Serdes.String(), StreamStatsSerde.create()));
        builder.stream(
                        topics.tokens().name(),
                        Consumed.with(topics.tokens().keySerde(), topics.tokens().valueSerde())
                                .withName(TOKENS_SOURCE))
                .process(
                        () -> new RememberBlock(policy, topics.tokens().valueSerde().serializer()),
                        Named.as(REMEMBER),
                        FAST_STORE,
                        SLOW_STORE,
                        FRAME_STORE,
                        USAGE_STORE,
                        STATS_STORE);
        builder.stream(
                        topics.keyframes().name(),
                        Consumed.with(
                                        topics.keyframes().keySerde(),
                                        topics.keyframes().valueSerde())
                                .withName(KEYFRAMES_SOURCE))
                .process(
                        () -> new RememberKeyframe(policy.keyframes()),
                        Named.as(REMEMBER_KEYFRAME),
                        KEYFRAMES_STORE,
                        USAGE_STORE);
        return builder.build();
    }

    /** Store names by tier, for readers. */
    static Map<Tier, String> tierStores() {
        return Map.of(Tier.FAST, FAST_STORE, Tier.SLOW, SLOW_STORE, Tier.FRAME, FRAME_STORE);
    }
}
