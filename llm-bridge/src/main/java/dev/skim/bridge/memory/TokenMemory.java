package dev.skim.bridge.memory;

import dev.skim.avro.TokenBlock;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the token memory of this instance's stores (Kafka Streams interactive queries). */
@ApplicationScoped
public class TokenMemory {

    private final KafkaStreams streams;

    TokenMemory(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Every stream this instance holds, by id. */
    public List<StreamStats> streams() {
        List<StreamStats> out = new ArrayList<>();
        try (KeyValueIterator<String, StreamStats> it = stats().all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        out.sort(Comparator.comparing(StreamStats::streamId));
        return out;
    }

    /** One stream's totals, if this instance holds it. */
    public Optional<StreamStats> stream(String streamId) {
        return Optional.ofNullable(stats().get(streamId));
    }

    /**
     * The stream's blocks whose frames fall in [fromMillis, toMillis], in frame order, at most
     * {@code limit} of them.
     */
    public List<TimelineEntry> timeline(
            String streamId, long fromMillis, long toMillis, int limit) {
        List<TimelineEntry> out = new ArrayList<>();
        try (KeyValueIterator<String, TokenBlock> it =
                blocks().range(BlockKey.from(streamId, 0), BlockKey.to(streamId))) {
            while (it.hasNext() && out.size() < limit) {
                TimelineEntry e = TimelineEntry.of(it.next().value);
                if (e.toMillis() >= fromMillis && e.fromMillis() <= toMillis) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private ReadOnlyKeyValueStore<String, StreamStats> stats() {
        return streams.store(
                StoreQueryParameters.fromNameAndType(
                        MemoryTopology.STATS_STORE, QueryableStoreTypes.keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, TokenBlock> blocks() {
        return streams.store(
                StoreQueryParameters.fromNameAndType(
                        MemoryTopology.BLOCKS_STORE, QueryableStoreTypes.keyValueStore()));
    }
}
