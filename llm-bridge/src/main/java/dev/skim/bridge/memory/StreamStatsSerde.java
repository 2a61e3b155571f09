package dev.skim.bridge.memory;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Fixed-layout binary serde of {@link StreamStats} for the stats store and its changelog. */
final class StreamStatsSerde {
    private StreamStatsSerde() {}

    static Serde<StreamStats> create() {
        return Serdes.serdeFrom(
                (topic, stats) -> stats == null ? null : stats.toBytes(),
                (topic, bytes) -> bytes == null ? null : StreamStats.fromBytes(bytes));
    }
}
