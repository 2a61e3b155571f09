package dev.skim.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void shouldPutEveryStoreOnOneSharedCacheWithSmallMemtables() {
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        try (Options first = new Options();
                Options second = new Options()) {
            first.setTableFormatConfig(new BlockBasedTableConfig());
            second.setTableFormatConfig(new BlockBasedTableConfig());
            setter.setConfig("a", first, Map.of(BoundedRocksDbMemory.TOTAL_KEY, "67108864"));
            setter.setConfig("b", second, Map.of(BoundedRocksDbMemory.TOTAL_KEY, "67108864"));

            assertThat(BoundedRocksDbMemory.sharedBytes()).isEqualTo(64L << 20);
            for (Options o : new Options[] {first, second}) {
                BlockBasedTableConfig table = (BlockBasedTableConfig) o.tableFormatConfig();
                assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
                assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
                assertThat(o.writeBufferSize()).isEqualTo(8L << 20);
                assertThat(o.maxWriteBufferNumber()).isEqualTo(2);
            }
            setter.close("a", first);
            setter.close("b", second);
        }
    }

    @Test
    void shouldNameTheKeyOfABadBound() {
        assertThat(BoundedRocksDbMemory.total(Map.of())).isEqualTo(128L << 20);
        assertThatThrownBy(
                        () ->
                                BoundedRocksDbMemory.total(
                                        Map.of(BoundedRocksDbMemory.TOTAL_KEY, "128m")))
                .hasMessageContaining("kafka-streams.skim.rocksdb.memory.bytes")
                .hasMessageContaining("'128m'");
        assertThatThrownBy(
                        () ->
                                BoundedRocksDbMemory.total(
                                        Map.of(BoundedRocksDbMemory.TOTAL_KEY, "1024")))
                .hasMessageContaining("at least 16 MiB");
    }
}
