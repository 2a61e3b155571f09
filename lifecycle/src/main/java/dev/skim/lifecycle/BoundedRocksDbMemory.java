package dev.skim.lifecycle;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all the RocksDB stores of one app instance together (Kafka Streams'
 * "bounded memory" recipe): one LRU block cache of {@value #TOTAL_KEY} bytes, shared by every store
 * of every task, which also holds the index and filter blocks and to which the memtables are
 * charged ({@code WriteBufferManager}, half of it). Without it each store instance has its own 50
 * MiB block cache and up to 3 x 16 MiB memtables, so an instance's native memory grows with the
 * number of stores times partitions it holds, never shrinking: the soak benchmark measured the
 * bridge's RSS rising by 400 MiB an hour with a flat heap.
 *
 * <p>Set with {@code kafka-streams.rocksdb.config.setter=dev.skim.lifecycle.BoundedRocksDbMemory};
 * the bound with {@code kafka-streams.}{@value #TOTAL_KEY} (bytes, default {@value
 * #DEFAULT_TOTAL}). The cache is created for the first store and shared by all later ones in the
 * JVM (a JVM runs one app).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The Kafka Streams configuration key of the bound, in bytes. */
    public static final String TOTAL_KEY = "skim.rocksdb.memory.bytes";

    /** 128 MiB. */
    public static final long DEFAULT_TOTAL = 128L << 20;

    /** A memtable's size: a store flushes at this or when the shared budget is spent. */
    private static final long MEMTABLE_BYTES = 8L << 20;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long total;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = total(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        synchronized (BoundedRocksDbMemory.class) {
            if (cache == null) {
                total = bytes;
                // a fifth of the cache kept for index and filter blocks
                cache = new LRUCache(bytes, -1, false, 0.2);
                writeBuffers = new WriteBufferManager(bytes / 2, cache);
            }
            table.setBlockCache(cache);
            options.setWriteBufferManager(writeBuffers);
        }
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: never closed here
    }

    /** The bound every store of this JVM shares (0 before the first store). */
    public static synchronized long sharedBytes() {
        return total;
    }

    /**
     * The configured bound.
     *
     * @throws IllegalArgumentException when it is not a whole number of bytes of at least 16 MiB
     */
    static long total(Map<String, Object> configs) {
        Object value = configs.get(TOTAL_KEY);
        if (value == null) {
            return DEFAULT_TOTAL;
        }
        long bytes;
        try {
            bytes = Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "kafka-streams."
                            + TOTAL_KEY
                            + " must be a number of bytes, was '"
                            + value
                            + "'",
                    e);
        }
        if (bytes < 16L << 20) {
            throw new IllegalArgumentException(
                    "kafka-streams."
                            + TOTAL_KEY
                            + " must be at least 16 MiB (16777216), was "
                            + bytes);
        }
        return bytes;
    }
}
