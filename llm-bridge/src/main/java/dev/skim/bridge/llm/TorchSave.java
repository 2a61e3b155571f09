package dev.skim.bridge.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a float32 CPU tensor in PyTorch's {@code torch.save} format, which is what vLLM's {@code
 * image_embeds} parts carry (base64 of {@code torch.save(tensor)}, read back with {@code
 * torch.load(..., weights_only=True)}).
 *
 * <p>The format (PyTorch's zip serialization, file format version 3): an uncompressed zip whose
 * entries all sit under one archive folder: {@code data.pkl} (pickle protocol 2 of {@code
 * torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())} with the storage
 * as a persistent id {@code ('storage', torch.FloatStorage, '0', 'cpu', numel)}), {@code byteorder}
 * ({@code little}), {@code data/0} (the raw little-endian values) and {@code version}. Only globals
 * on PyTorch's weights-only allow-list are used.
 *
 * <p>Not checked against a real PyTorch here (none is installed on the build machine); the test
 * decodes the archive and the pickle opcode by opcode.
 */
public final class TorchSave {
    static final String ARCHIVE = "archive/";

    private TorchSave() {}

    /** {@code torch.save} of a contiguous float32 tensor of the given shape. */
    public static byte[] float32(int[] shape, float[] values) {
        long numel = 1;
        for (int d : shape) {
            numel *= d;
        }
        if (numel != values.length) {
            throw new IllegalArgumentException(
                    "shape needs " + numel + " values, got " + values.length);
        }
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, "data.pkl", pickle(shape, values.length));
            stored(zip, "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "data/0", data.array());
            stored(zip, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] pickle(int[] shape, long numel) {
        Pickle p = new Pickle();
        p.proto();
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.mark();
        p.mark();
        p.string("storage");
        p.global("torch", "FloatStorage");
        p.string("0");
        p.string("cpu");
        p.integer(numel);
        p.tuple();
        p.persistentId();
        p.integer(0);
        p.mark();
        for (int d : shape) {
            p.integer(d);
        }
        p.tuple();
        p.mark();
        long stride = 1;
        long[] strides = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        for (long s : strides) {
            p.integer(s);
        }
        p.tuple();
        p.newFalse();
        p.global("collections", "OrderedDict");
        p.emptyTuple();
        p.reduce();
        p.tuple();
        p.reduce();
        p.stop();
        return p.bytes();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(ARCHIVE + name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The few pickle protocol 2 opcodes the tensor needs. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void proto() {
            out.write(0x80);
            out.write(2);
        }

        void global(String module, String name) {
            out.write('c');
            ascii(module + "\n" + name + "\n");
        }

        void mark() {
            out.write('(');
        }

        void tuple() {
            out.write('t');
        }

        void emptyTuple() {
            out.write(')');
        }

        void reduce() {
            out.write('R');
        }

        void persistentId() {
            out.write('Q');
        }

        void newFalse() {
            out.write(0x89);
        }

        void stop() {
            out.write('.');
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            int4(b.length);
            out.write(b, 0, b.length);
        }

        void integer(long v) {
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                out.write('J');
                int4((int) v);
            } else {
                // LONG1: little-endian two's complement, 8 bytes is always enough here
                out.write(0x8a);
                out.write(8);
                for (int i = 0; i < 8; i++) {
                    out.write((int) (v >>> (8 * i)) & 0xff);
                }
            }
        }

        private void int4(int v) {
            for (int i = 0; i < 4; i++) {
                out.write((v >>> (8 * i)) & 0xff);
            }
        }

        private void ascii(String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            out.write(b, 0, b.length);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
