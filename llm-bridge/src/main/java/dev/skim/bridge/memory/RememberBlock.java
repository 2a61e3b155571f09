package dev.skim.bridge.memory;

import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stores a block in its tier's store, drops what the tier's retention no longer covers, and keeps
 * the tier's usage and the stream's totals exact. A redelivered block is stored and counted once.
 */
final class RememberBlock implements Processor<String, TokenBlock, Void, Void> {
    private final MemoryPolicy policy;
    private final Serializer<TokenBlock> serializer;
    private final Map<Tier, KeyValueStore<String, TokenBlock>> tiers = new EnumMap<>(Tier.class);
    private KeyValueStore<String, TierUsage> usage;
    private KeyValueStore<String, StreamStats> stats;

    RememberBlock(MemoryPolicy policy, Serializer<TokenBlock> serializer) {
        this.policy = policy;
        this.serializer = serializer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        for (Tier tier : Tier.values()) {
            tiers.put(tier, context.getStateStore(MemoryTopology.storeOf(tier)));
        }
        usage = context.getStateStore(MemoryTopology.USAGE_STORE);
        stats = context.getStateStore(MemoryTopology.STATS_STORE);
    }

    @Override
    public void process(Record<String, TokenBlock> record) {
        TokenBlock block = record.value();
        if (block == null) {
            return;
        }
        String stream = block.getStreamId();
        Tier tier = block.getTier();
        KeyValueStore<String, TokenBlock> store = tiers.get(tier);
        BlockSpan span = BlockSpan.of(block);
        String key = BlockKey.of(stream, span.fromMillis(), block.getFirstSeq());
        if (store.get(key) != null) {
            return;
        }
        String usageKey = MemoryTopology.usageKey(stream, tier.name());
        TierUsage held = usage.get(usageKey);
        held = held == null ? TierUsage.EMPTY : held;
        long retention = policy.of(tier).toMillis();
        long cutoff = Math.max(held.newestPtsMillis(), span.toMillis()) - retention;
        if (span.toMillis() >= cutoff) {
            store.put(key, block);
            held =
                    held.plus(
                            block.getTokensOut(),
                            sizeOf(block),
                            span.fromMillis(),
                            span.toMillis());
        }
        held = expire(store, stream, held, cutoff);
        usage.put(usageKey, held);
        StreamStats current = stats.get(stream);
        stats.put(stream, (current == null ? StreamStats.empty(stream) : current).plus(block));
    }

    /** Deletes the blocks whose last frame is older than {@code cutoff}. */
    private TierUsage expire(
            KeyValueStore<String, TokenBlock> store, String stream, TierUsage held, long cutoff) {
        if (held.oldestPtsMillis() >= cutoff) {
            return held;
        }
        List<KeyValue<String, TokenBlock>> old = new ArrayList<>();
        try (KeyValueIterator<String, TokenBlock> it =
                store.range(BlockKey.from(stream, 0), BlockKey.through(stream, cutoff - 1))) {
            it.forEachRemaining(
                    kv -> {
                        if (BlockSpan.of(kv.value).toMillis() < cutoff) {
                            old.add(kv);
                        }
                    });
        }
        for (KeyValue<String, TokenBlock> kv : old) {
            store.delete(kv.key);
            held = held.minus(kv.value.getTokensOut(), sizeOf(kv.value));
        }
        try (KeyValueIterator<String, TokenBlock> it =
                store.range(BlockKey.from(stream, 0), BlockKey.to(stream))) {
            return held.withOldest(
                    it.hasNext() ? BlockSpan.of(it.next().value).fromMillis() : Long.MAX_VALUE);
        }
    }

    private long sizeOf(TokenBlock block) {
        return serializer.serialize(null, block).length;
    }
}
