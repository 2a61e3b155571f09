package dev.skim.core.compression;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes for a {@link ChainState}, for a Kafka Streams state store (little-endian): version (int),
 * spec (int length + UTF-8), operator count, then per operator: vector count, per vector its length
 * and floats, counter count and longs.
 */
public final class ChainStateCodec {
    private static final int VERSION = 1;

    private ChainStateCodec() {}

    public static byte[] toBytes(ChainState state) {
        byte[] spec = state.spec().getBytes(StandardCharsets.UTF_8);
        int size = 12 + spec.length;
        for (OperatorState s : state.states()) {
            size += 8 + 8 * s.counters().length;
            for (float[] v : s.vectors()) {
                size += 4 + 4 * v.length;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(VERSION).putInt(spec.length).put(spec).putInt(state.states().size());
        for (OperatorState s : state.states()) {
            b.putInt(s.vectors().size());
            for (float[] v : s.vectors()) {
                b.putInt(v.length);
                for (float x : v) {
                    b.putFloat(x);
                }
            }
            long[] counters = s.counters();
            b.putInt(counters.length);
            for (long c : counters) {
                b.putLong(c);
            }
        }
        return b.array();
    }

    /**
     * @throws IllegalArgumentException on an unknown version or truncated bytes
     */
    public static ChainState fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int version = b.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown chain state version " + version);
            }
            byte[] spec = new byte[length(b, 1)];
            b.get(spec);
            int n = length(b, 8);
            List<OperatorState> states = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int nv = length(b, 4);
                List<float[]> vectors = new ArrayList<>(nv);
                for (int j = 0; j < nv; j++) {
                    float[] v = new float[length(b, 4)];
                    b.asFloatBuffer().get(v);
                    b.position(b.position() + 4 * v.length);
                    vectors.add(v);
                }
                long[] counters = new long[length(b, 8)];
                for (int j = 0; j < counters.length; j++) {
                    counters[j] = b.getLong();
                }
                states.add(new OperatorState(vectors, counters));
            }
            return new ChainState(new String(spec, StandardCharsets.UTF_8), states);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException(
                    "truncated chain state (" + bytes.length + " bytes)", e);
        }
    }

    /** A count whose elements of at least minBytes each must still fit in the buffer. */
    private static int length(ByteBuffer b, int minBytes) {
        int n = b.getInt();
        if (n < 0 || (long) n * minBytes > b.remaining()) {
            throw new IllegalArgumentException(
                    "corrupt or truncated chain state: count "
                            + n
                            + " at byte "
                            + (b.position() - 4));
        }
        return n;
    }
}
