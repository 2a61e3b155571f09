package dev.skim.bridge.memory;

import dev.skim.avro.TokenBlock;
import dev.skim.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The bridge's token memory: materializes {@code skim.tokens} into per-stream state stores that the
 * REST API queries (interactive queries).
 *
 * <ul>
 *   <li>{@value #BLOCKS_STORE}: every token block, keyed by stream, first seq and tier;
 *   <li>{@value #STATS_STORE}: running totals per stream.
 * </ul>
 */
public final class MemoryTopology {

    public static final String TOKENS_SOURCE = "tokens-source";
    public static final String REMEMBER = "remember-block";
    public static final String BLOCKS_STORE = "token-blocks";
    public static final String STATS_STORE = "stream-stats";

    private MemoryTopology() {}

    public static Topology build(Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(BLOCKS_STORE),
                        Serdes.String(),
                        topics.tokens().valueSerde()));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STATS_STORE),
                        Serdes.String(),
                        StreamStatsSerde.create()));
        builder.stream(
                        topics.tokens().name(),
                        Consumed.with(topics.tokens().keySerde(), topics.tokens().valueSerde())
                                .withName(TOKENS_SOURCE))
                .process(
                        RememberBlock::new,
                        org.apache.kafka.streams.kstream.Named.as(REMEMBER),
                        BLOCKS_STORE,
                        STATS_STORE);
        return builder.build();
    }

    /** Stores a block and updates its stream's totals; a redelivered block is not counted twice. */
    static final class RememberBlock implements Processor<String, TokenBlock, Void, Void> {
        private KeyValueStore<String, TokenBlock> blocks;
        private KeyValueStore<String, StreamStats> stats;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            blocks = context.getStateStore(BLOCKS_STORE);
            stats = context.getStateStore(STATS_STORE);
        }

        @Override
        public void process(Record<String, TokenBlock> record) {
            TokenBlock block = record.value();
            if (block == null) {
                return;
            }
            String key = BlockKey.of(block.getStreamId(), block.getFirstSeq(), block.getTier());
            if (blocks.get(key) != null) {
                return;
            }
            blocks.put(key, block);
            StreamStats current = stats.get(block.getStreamId());
            stats.put(
                    block.getStreamId(),
                    (current == null ? StreamStats.empty(block.getStreamId()) : current)
                            .plus(block));
        }
    }
}
