package dev.skim.bridge.memory;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Tier;
import dev.skim.schemas.Topic;
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
    static final String READ = "read";
    static final String UNREADABLE = "unreadable";
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

    /** The processors that read and check each input topic. */
    private static final ReadNames BLOCK_NAMES =
            new ReadNames(
                    TOKENS_SOURCE, "read-block", "block-", "read-block-value", "block-dead-letter");

    private static final ReadNames KEYFRAME_NAMES =
            new ReadNames(
                    KEYFRAMES_SOURCE,
                    "read-keyframe",
                    "keyframe-",
                    "read-keyframe-value",
                    "keyframe-dead-letter");

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
        addStores(builder, topics, stores);

        var blocks =
                read(builder, topics.tokens(), RecordChecks::tokenBlock, deadLetters, BLOCK_NAMES);
        blocks.values()
                .process(
                        () -> new RememberBlock(policy, topics.tokens().valueSerde().serializer()),
                        Named.as(REMEMBER),
                        FAST_STORE,
                        SLOW_STORE,
                        FRAME_STORE,
                        USAGE_STORE,
                        STATS_STORE);

        var keyframes =
                read(
                        builder,
                        topics.keyframes(),
                        RecordChecks::keyframe,
                        deadLetters,
                        KEYFRAME_NAMES);
        keyframes
                .values()
                .process(
                        () -> new RememberKeyframe(policy.keyframes()),
                        Named.as(REMEMBER_KEYFRAME),
                        KEYFRAMES_STORE,
                        USAGE_STORE);

        blocks.unreadable()
                .merge(keyframes.unreadable(), Named.as(DEAD_LETTERS_MERGE))
                .to(
                        topics.tokenDeadLetters().name(),
                        Produced.with(
                                        topics.tokenDeadLetters().keySerde(),
                                        topics.tokenDeadLetters().valueSerde())
                                .withName(DEAD_LETTER_SINK));
        return builder.build();
    }

    private static void addStores(
            StreamsBuilder builder,
            Topics topics,
            Function<String, KeyValueBytesStoreSupplier> stores) {
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
                        stores.apply(STATS_STORE), Serdes.String(), StreamStats.serde()));
    }

    /** The names of the processors that read one input topic. */
    private record ReadNames(
            String source, String read, String split, String value, String deadLetter) {}

    /**
     * One input topic, read as raw bytes and checked, split into the values that could be read and
     * the dead letters of those that could not; each side is asked for once (it adds a processor).
     */
    private record Read<V>(Map<String, KStream<String, Outcome<V>>> branches, ReadNames names) {

        KStream<String, V> values() {
            return branches.get(names.split() + READ)
                    .mapValues(v -> ((Outcome.Ok<V>) v).value(), Named.as(names.value()));
        }

        KStream<String, DeadLetter> unreadable() {
            return branches.get(names.split() + UNREADABLE)
                    .mapValues(
                            v -> ((Outcome.Failed<V>) v).deadLetter(),
                            Named.as(names.deadLetter()));
        }
    }

    private static <V> Read<V> read(
            StreamsBuilder builder,
            Topic<String, V> topic,
            ReadRecord.Check<V> check,
            DeadLetters deadLetters,
            ReadNames names) {
        Map<String, KStream<String, Outcome<V>>> branches =
                builder.stream(
                                topic.name(),
                                Consumed.with(topic.keySerde(), Serdes.ByteArray())
                                        .withName(names.source()))
                        .processValues(
                                () ->
                                        new ReadRecord<>(
                                                topic.valueSerde().deserializer(),
                                                check,
                                                deadLetters),
                                Named.as(names.read()))
                        .split(Named.as(names.split()))
                        .branch((k, v) -> v instanceof Outcome.Ok, Branched.as(READ))
                        .defaultBranch(Branched.as(UNREADABLE));
        return new Read<>(branches, names);
    }

    /** Store names by tier, for readers. */
    static Map<Tier, String> tierStores() {
        return Map.of(Tier.FAST, FAST_STORE, Tier.SLOW, SLOW_STORE, Tier.FRAME, FRAME_STORE);
    }
}
