package dev.skim.bridge.memory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The binary layout of the running totals in the usage and stats stores, and so in their
 * changelogs: longs, big-endian, optionally after a UTF-8 text (its length as an int, then its
 * bytes). Changing a record's layout makes the changelogs that running deployments hold unreadable.
 */
final class FixedLayout {
    private FixedLayout() {}

    /** A serde of {@code write} and {@code read}; null stays null (a tombstone). */
    static <T> Serde<T> serde(Function<T, byte[]> write, Function<ByteBuffer, T> read) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : write.apply(value),
                (topic, bytes) -> bytes == null ? null : read.apply(ByteBuffer.wrap(bytes)));
    }

    static byte[] longs(long... values) {
        return put(ByteBuffer.allocate(8 * values.length), values).array();
    }

    static byte[] textAndLongs(String text, long... values) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + t.length + 8 * values.length);
        return put(b.putInt(t.length).put(t), values).array();
    }

    static String text(ByteBuffer b) {
        byte[] t = new byte[b.getInt()];
        b.get(t);
        return new String(t, StandardCharsets.UTF_8);
    }

    static long[] longs(ByteBuffer b, int count) {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = b.getLong();
        }
        return values;
    }

    private static ByteBuffer put(ByteBuffer b, long[] values) {
        for (long v : values) {
            b.putLong(v);
        }
        return b;
    }
}
