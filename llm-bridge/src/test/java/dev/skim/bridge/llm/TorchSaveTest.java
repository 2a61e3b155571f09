package dev.skim.bridge.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class TorchSaveTest {

    @Test
    void shouldWriteAnUncompressedTorchArchiveWithPickleVersionAndLittleEndianData()
            throws IOException {
        float[] values = {1f, -2f, 3.5f, 0f, 1e-3f, 42f};
        Map<String, byte[]> entries = unzip(TorchSave.float32(new int[] {2, 3}, values));

        assertThat(entries.keySet())
                .containsExactly(
                        "archive/data.pkl",
                        "archive/byteorder",
                        "archive/data/0",
                        "archive/version");
        assertThat(new String(entries.get("archive/byteorder"), StandardCharsets.US_ASCII))
                .isEqualTo("little");
        assertThat(new String(entries.get("archive/version"), StandardCharsets.US_ASCII))
                .isEqualTo("3\n");
        ByteBuffer data =
                ByteBuffer.wrap(entries.get("archive/data/0")).order(ByteOrder.LITTLE_ENDIAN);
        float[] back = new float[values.length];
        for (int i = 0; i < back.length; i++) {
            back[i] = data.getFloat();
        }
        assertThat(back).containsExactly(values);
    }

    @Test
    void shouldPickleRebuildTensorV2WithStoragePersistentIdShapeAndContiguousStrides()
            throws IOException {
        Map<String, byte[]> entries = unzip(TorchSave.float32(new int[] {4, 5}, new float[20]));

        @SuppressWarnings("unchecked")
        Map<String, Object> call = (Map<String, Object>) unpickle(entries.get("archive/data.pkl"));
        assertThat(call.get("call")).isEqualTo("torch._utils._rebuild_tensor_v2");
        List<?> args = (List<Object>) call.get("args");
        assertThat(args).hasSize(6);
        @SuppressWarnings("unchecked")
        Map<String, Object> storage = (Map<String, Object>) args.get(0);
        assertThat((List<Object>) storage.get("persid"))
                .containsExactly("storage", "torch.FloatStorage", "0", "cpu", 20L);
        assertThat(args.get(1)).isEqualTo(0L);
        assertThat((List<Object>) args.get(2)).containsExactly(4L, 5L);
        assertThat((List<Object>) args.get(3)).containsExactly(5L, 1L);
        assertThat(args.get(4)).isEqualTo(false);
        @SuppressWarnings("unchecked")
        Map<String, Object> hooks = (Map<String, Object>) args.get(5);
        assertThat(hooks.get("call")).isEqualTo("collections.OrderedDict");
        assertThat((List<Object>) hooks.get("args")).isEmpty();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                assertThat(e.getMethod())
                        .as("entry %s is stored", e.getName())
                        .isEqualTo(ZipEntry.STORED);
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** A tiny unpickler for exactly the opcodes a tensor pickle may use here. */
    static Object unpickle(byte[] p) {
        Deque<Object> stack = new ArrayDeque<>();
        Object mark = new Object();
        int i = 0;
        while (true) {
            int op = p[i++] & 0xff;
            switch (op) {
                case 0x80 -> assertThat(p[i++]).as("protocol").isEqualTo((byte) 2);
                case 'c' -> {
                    int nl1 = indexOf(p, i, (byte) '\n');
                    int nl2 = indexOf(p, nl1 + 1, (byte) '\n');
                    stack.push(
                            new String(p, i, nl1 - i, StandardCharsets.US_ASCII)
                                    + "."
                                    + new String(
                                            p, nl1 + 1, nl2 - nl1 - 1, StandardCharsets.US_ASCII));
                    i = nl2 + 1;
                }
                case '(' -> stack.push(mark);
                case 'X' -> {
                    int n = ByteBuffer.wrap(p, i, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    stack.push(new String(p, i + 4, n, StandardCharsets.UTF_8));
                    i += 4 + n;
                }
                case 'J' -> {
                    stack.push(
                            (long)
                                    ByteBuffer.wrap(p, i, 4)
                                            .order(ByteOrder.LITTLE_ENDIAN)
                                            .getInt());
                    i += 4;
                }
                case 0x8a -> {
                    int n = p[i++];
                    long v = 0;
                    for (int k = 0; k < n; k++) {
                        v |= (long) (p[i + k] & 0xff) << (8 * k);
                    }
                    stack.push(v);
                    i += n;
                }
                case 't' -> {
                    List<Object> items = new ArrayList<>();
                    Object o;
                    while ((o = stack.pop()) != mark) {
                        items.add(0, o);
                    }
                    stack.push(items);
                }
                case ')' -> stack.push(List.of());
                case 0x89 -> stack.push(false);
                case 'Q' -> stack.push(Map.of("persid", stack.pop()));
                case 'R' -> {
                    Object args = stack.pop();
                    Object callable = stack.pop();
                    stack.push(Map.of("call", callable, "args", args));
                }
                case '.' -> {
                    assertThat(stack).hasSize(1);
                    return stack.pop();
                }
                default ->
                        throw new AssertionError(
                                "unexpected pickle opcode " + op + " at " + (i - 1));
            }
        }
    }

    private static int indexOf(byte[] p, int from, byte b) {
        for (int i = from; i < p.length; i++) {
            if (p[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no newline after " + from);
    }
}
