package dev.skim.bridge.memory;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
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
 *
 * <p>Both sources read raw bytes; {@code read-block} and {@code read-keyframe} decode and check
 * them ({@code RecordChecks}). A record that cannot be read (not Avro, another schema, corrupt, a
 * key that is not its stream id, vectors that do not decode, a tombstone) goes to {@code
 * skim.tokens.dlq} as a {@code DeadLetter} with its coordinates and reason, in the same
 * exactly-once transaction as the stores, and is counted in {@code
 * skim.bridge.dead.letters{topic,stage}}; the next record is read as usual.
 */
public final class MemoryTopology {

    public static final String TOKENS_SOURCE = "tokens-source";
    public static final String KEYFRAMES_SOURCE = "keyframes-source";
    public static final String REMEMBER = "remember-block";
    public static final String REMEMBER_KEYFRAME = "remember-keyframe";
    static final String READ_BLOCK = "read-block";
    static final String READ_KEYFRAME = "read-keyframe";
    static final String BLOCK_SPLIT = "block-";
    static final String KEYFRAME_SPLIT = "keyframe-";
    static final String READ = "read";
    static final String UNREADABLE = "unreadable";
    static final String BLOCK_DEAD_LETTER = "block-dead-letter";
    static final String KEYFRAME_DEAD_LETTER = "keyframe-dead-letter";
    static final String READ_BLOCK_VALUE = "read-block-value";
    static final String READ_KEYFRAME_VALUE = "read-keyframe-value";
    static final String DEAD_LETTERS_MERGE = "dead-letters-merge";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";
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

    /**
     * The topology with RocksDB stores backed by changelogs.
     *
     * @param metrics where {@code skim.bridge.dead.letters} is counted
     */
    public static Topology build(Topics topics, MemoryPolicy policy, MeterRegistry metrics) {
        return build(topics, policy, metrics, Stores::persistentKeyValueStore);
    }

    /**
     * The topology with stores from {@code stores} (in-memory stores make topology tests fast;
     * RocksDB flushes on every test-driver commit).
     */
    static Topology build(
            Topics topics,
            MemoryPolicy policy,
            MeterRegistry metrics,
            Function<String, KeyValueBytesStoreSupplier> stores) {
        DeadLetters deadLetters =
                new DeadLetters(
                        metrics, List.of(topics.tokens().name(), topics.keyframes().name()));
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

        Map<String, KStream<String, Outcome<TokenBlock>>> blocks =
                builder.stream(
                                topics.tokens().name(),
                                Consumed.with(topics.tokens().keySerde(), Serdes.ByteArray())
                                        .withName(TOKENS_SOURCE))
                        .processValues(
                                () ->
                                        new ReadRecord<>(
                                                topics.tokens().valueSerde().deserializer(),
                                                RecordChecks::tokenBlock,
                                                deadLetters),
                                Named.as(READ_BLOCK))
                        .split(Named.as(BLOCK_SPLIT))
                        .branch((k, v) -> v instanceof Outcome.Ok, Branched.as(READ))
                        .defaultBranch(Branched.as(UNREADABLE));
        blocks.get(BLOCK_SPLIT + READ)
                .mapValues(v -> ((Outcome.Ok<TokenBlock>) v).value(), Named.as(READ_BLOCK_VALUE))
                .process(
                        () -> new RememberBlock(policy, topics.tokens().valueSerde().serializer()),
                        Named.as(REMEMBER),
                        FAST_STORE,
                        SLOW_STORE,
                        FRAME_STORE,
                        USAGE_STORE,
                        STATS_STORE);

        Map<String, KStream<String, Outcome<Keyframe>>> keyframes =
                builder.stream(
                                topics.keyframes().name(),
                                Consumed.with(topics.keyframes().keySerde(), Serdes.ByteArray())
                                        .withName(KEYFRAMES_SOURCE))
                        .processValues(
                                () ->
                                        new ReadRecord<>(
                                                topics.keyframes().valueSerde().deserializer(),
                                                RecordChecks::keyframe,
                                                deadLetters),
                                Named.as(READ_KEYFRAME))
                        .split(Named.as(KEYFRAME_SPLIT))
                        .branch((k, v) -> v instanceof Outcome.Ok, Branched.as(READ))
                        .defaultBranch(Branched.as(UNREADABLE));
        keyframes
                .get(KEYFRAME_SPLIT + READ)
                .mapValues(v -> ((Outcome.Ok<Keyframe>) v).value(), Named.as(READ_KEYFRAME_VALUE))
                .process(
                        () -> new RememberKeyframe(policy.keyframes()),
                        Named.as(REMEMBER_KEYFRAME),
                        KEYFRAMES_STORE,
                        USAGE_STORE);

        KStream<String, DeadLetter> unreadableBlocks =
                blocks.get(BLOCK_SPLIT + UNREADABLE)
                        .mapValues(
                                v -> ((Outcome.Failed<TokenBlock>) v).deadLetter(),
                                Named.as(BLOCK_DEAD_LETTER));
        KStream<String, DeadLetter> unreadableKeyframes =
                keyframes
                        .get(KEYFRAME_SPLIT + UNREADABLE)
                        .mapValues(
                                v -> ((Outcome.Failed<Keyframe>) v).deadLetter(),
                                Named.as(KEYFRAME_DEAD_LETTER));
        unreadableBlocks
                .merge(unreadableKeyframes, Named.as(DEAD_LETTERS_MERGE))
                .to(
                        topics.tokenDeadLetters().name(),
                        Produced.with(
                                        topics.tokenDeadLetters().keySerde(),
                                        topics.tokenDeadLetters().valueSerde())
                                .withName(DEAD_LETTER_SINK));
        return builder.build();
    }

    /** Store names by tier, for readers. */
    static Map<Tier, String> tierStores() {
        return Map.of(Tier.FAST, FAST_STORE, Tier.SLOW, SLOW_STORE, Tier.FRAME, FRAME_STORE);
    }
}
