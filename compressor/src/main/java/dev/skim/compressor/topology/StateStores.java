package dev.skim.compressor.topology;

import dev.skim.compressor.window.SlowFrame;
import dev.skim.compressor.window.WindowStateCodec;
import dev.skim.compressor.window.WindowedFrame;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.ChainStateCodec;
import dev.skim.core.tokens.Precision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The compressor's five state stores, each with a typed serde over its codec ({@link
 * ChainStateCodec}, {@link WindowStateCodec}: versioned binary formats whose compatibility their
 * tests check), so that processors read and write values, not bytes. All are persistent,
 * changelogged and cached: a key written many times between two commits (a stream's window and
 * chain state, once a frame) reaches RocksDB and the changelog once per commit.
 */
final class StateStores {

    private StateStores() {}

    /**
     * Adds every store to the builder.
     *
     * @param vectors how the FAST tokens of waiting frames are kept (the wire precision, or FP32)
     */
    static void addTo(StreamsBuilder builder, Precision vectors) {
        valueSerdes(vectors).forEach((name, serde) -> builder.addStateStore(store(name, serde)));
    }

    /** Each store's value serde, by store name, in the order the stores are added. */
    static Map<String, Serde<?>> valueSerdes(Precision vectors) {
        Serde<ChainState> chainStates = serde(ChainStateCodec::toBytes, ChainStateCodec::fromBytes);
        Map<String, Serde<?>> serdes = new LinkedHashMap<>();
        serdes.put(Names.CHAIN_STATE_STORE, chainStates);
        serdes.put(
                Names.WINDOW_STATE_STORE,
                serde(WindowStateCodec::toBytes, WindowStateCodec::streamWindows));
        serdes.put(
                Names.WINDOW_FRAMES_STORE,
                serde(
                        (WindowedFrame f) -> WindowStateCodec.toBytes(f, vectors),
                        WindowStateCodec::windowedFrame));
        serdes.put(
                Names.SLOW_FRAMES_STORE,
                serde((SlowFrame f) -> WindowStateCodec.toBytes(f), WindowStateCodec::slowFrame));
        serdes.put(Names.SLOW_CHAIN_STATE_STORE, chainStates);
        return serdes;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }

    /** A serde from a codec; null stays null (a delete). */
    private static <V> Serde<V> serde(Function<V, byte[]> write, Function<byte[], V> read) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : write.apply(value),
                (topic, bytes) -> bytes == null ? null : read.apply(bytes));
    }
}
