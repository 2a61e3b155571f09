package dev.skim.bridge.memory;

import dev.skim.avro.Keyframe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stores keyframes by stream and seq and drops those older than the keyframe retention (in stream
 * time). Seq order is time order within a stream, so expiry stops at the first keyframe it keeps.
 */
final class RememberKeyframe implements Processor<String, Keyframe, Void, Void> {
    private final long retentionMillis;
    private KeyValueStore<String, Keyframe> keyframes;
    private KeyValueStore<String, TierUsage> usage;

    RememberKeyframe(Duration retention) {
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        keyframes = context.getStateStore(MemoryTopology.KEYFRAMES_STORE);
        usage = context.getStateStore(MemoryTopology.USAGE_STORE);
    }

    @Override
    public void process(Record<String, Keyframe> record) {
        Keyframe k = record.value();
        if (k == null) {
            return;
        }
        String stream = k.getStreamId();
        String key = BlockKey.from(stream, k.getSeq());
        if (keyframes.get(key) != null) {
            return;
        }
        String usageKey = MemoryTopology.usageKey(stream, MemoryTopology.KEYFRAMES_TIER);
        TierUsage held = usage.get(usageKey);
        held = held == null ? TierUsage.EMPTY : held;
        long cutoff = Math.max(held.newestPtsMillis(), k.getPtsMillis()) - retentionMillis;
        if (k.getPtsMillis() >= cutoff) {
            keyframes.put(key, k);
            held = held.plus(0, k.getJpeg().remaining(), k.getPtsMillis(), k.getPtsMillis());
        }
        if (held.oldestPtsMillis() < cutoff) {
            List<KeyValue<String, Keyframe>> old = new ArrayList<>();
            held = held.withOldest(Long.MAX_VALUE);
            try (KeyValueIterator<String, Keyframe> it =
                    keyframes.range(BlockKey.from(stream, 0), BlockKey.to(stream))) {
                while (it.hasNext()) {
                    KeyValue<String, Keyframe> kv = it.next();
                    if (kv.value.getPtsMillis() >= cutoff) {
                        held = held.withOldest(kv.value.getPtsMillis());
                        break;
                    }
                    old.add(kv);
                }
            }
            for (KeyValue<String, Keyframe> kv : old) {
                keyframes.delete(kv.key);
                held = held.minus(0, kv.value.getJpeg().remaining());
            }
        }
        usage.put(usageKey, held);
    }
}
