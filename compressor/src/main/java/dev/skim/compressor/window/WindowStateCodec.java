package dev.skim.compressor.window;

import dev.skim.compressor.window.SlowPolicy.Candidate;
import dev.skim.compressor.window.StreamWindows.OpenWindow;
import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import dev.skim.core.tokens.WireVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes of the window state values (big-endian, each starting with a version byte). Slow-frame
 * grids are kept in FP16, which halves changelog traffic and stays within 2^-11 of the encoder's
 * values; a frame's FAST tokens in the precision its window's blocks will carry them in, when that
 * loses nothing ({@link BlockAssembler#statePrecision()}), and so its FRAME-tier token. Windowed
 * frames of layouts 1 (FAST tokens always FP32) and 2 (no FRAME-tier token), which the changelogs
 * of a running deployment hold, are still read.
 */
public final class WindowStateCodec {

    /**
     * Layout versions, one per kind of value, so that a kind whose layout did not change keeps its
     * version and stays readable by earlier releases. Windowed frames: 2 since their FAST tokens
     * carry their width (FP32 or FP16), 3 since they carry their FRAME-tier token; stream windows:
     * 1; slow frames: 1, or 2 when they carry a tag image (written only when tagging is on, so that
     * a compressor with tagging off writes what earlier releases read).
     */
    private static final byte FRAME_VERSION = 3;

    private static final byte SLOW_FRAME_VERSION = 2;

    private static final byte STATE_VERSION = 1;

    private WindowStateCodec() {}

    public static byte[] toBytes(StreamWindows s) {
        return write(
                STATE_VERSION,
                out -> {
                    out.writeLong(s.streamTime());
                    writeMatrix(out, s.reference());
                    out.writeInt(s.open().size());
                    for (OpenWindow w : s.open()) {
                        out.writeLong(w.start());
                        out.writeInt(w.candidates().size());
                        for (Candidate c : w.candidates()) {
                            out.writeLong(c.seq());
                            out.writeLong(c.ptsMillis());
                            out.writeFloat(c.novelty());
                            out.writeBoolean(c.cut());
                        }
                    }
                });
    }

    public static StreamWindows streamWindows(byte[] bytes) {
        return read(
                bytes,
                STATE_VERSION,
                (in, version) -> {
                    long time = in.readLong();
                    float[][] reference = readMatrix(in);
                    int n = in.readInt();
                    List<OpenWindow> open = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        long start = in.readLong();
                        int m = in.readInt();
                        List<Candidate> candidates = new ArrayList<>(m);
                        for (int j = 0; j < m; j++) {
                            candidates.add(
                                    new Candidate(
                                            in.readLong(),
                                            in.readLong(),
                                            in.readFloat(),
                                            in.readBoolean()));
                        }
                        open.add(new OpenWindow(start, candidates));
                    }
                    return new StreamWindows(time, reference, open);
                });
    }

    /**
     * A frame's FAST tokens and FRAME-tier token, their vectors in the given precision (FP32 or
     * FP16).
     */
    public static byte[] toBytes(WindowedFrame f, Precision vectors) {
        if (vectors == Precision.INT8) {
            throw new IllegalArgumentException("FAST tokens are kept in FP32 or FP16, not INT8");
        }
        return write(
                FRAME_VERSION,
                out -> {
                    out.writeLong(f.seq());
                    out.writeLong(f.ptsMillis());
                    out.writeFloat(f.novelty());
                    out.writeInt(f.tokensIn());
                    out.writeInt(f.stepsOut().length);
                    for (int s : f.stepsOut()) {
                        out.writeInt(s);
                    }
                    out.writeInt(f.tokens().size());
                    out.writeByte(vectors.bytesPerValue()); // 4: FP32, 2: FP16
                    List<float[]> data = new ArrayList<>(f.tokens().size());
                    for (Token t : f.tokens()) {
                        out.writeInt(t.frame());
                        out.writeFloat(t.row());
                        out.writeFloat(t.col());
                        out.writeInt(t.span());
                        data.add(t.vector());
                    }
                    if (!data.isEmpty()) {
                        WireVectors wire = WireVectors.encode(data, vectors);
                        out.writeInt(wire.dim());
                        out.write(wire.data());
                    }
                    writeFrameToken(out, f.frameToken(), vectors);
                });
    }

    /** Layout 3's tail: whether there is a FRAME-tier token, then its position and vector. */
    private static void writeFrameToken(DataOutputStream out, Token t, Precision vectors)
            throws IOException {
        out.writeBoolean(t != null);
        if (t == null) {
            return;
        }
        out.writeFloat(t.row());
        out.writeFloat(t.col());
        out.writeInt(t.span());
        WireVectors wire = WireVectors.encode(List.of(t.vector()), vectors);
        out.writeInt(wire.dim());
        out.write(wire.data());
    }

    private static Token readFrameToken(DataInputStream in, Precision precision)
            throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        float row = in.readFloat();
        float col = in.readFloat();
        int span = in.readInt();
        int dim = in.readInt();
        long size = (long) dim * precision.bytesPerValue();
        if (dim < 0 || size > in.available()) {
            throw new IOException(
                    "a FRAME token of " + dim + " values does not fit the bytes left");
        }
        byte[] data = new byte[(int) size];
        in.readFully(data);
        float[] vector = new WireVectors(precision, 1, dim, data, null).decode().get(0);
        return new Token(vector, 0, row, col, span);
    }

    public static WindowedFrame windowedFrame(byte[] bytes) {
        return read(
                bytes,
                FRAME_VERSION,
                (in, version) -> {
                    long seq = in.readLong();
                    long pts = in.readLong();
                    float novelty = in.readFloat();
                    int tokensIn = in.readInt();
                    int[] steps = new int[in.readInt()];
                    for (int i = 0; i < steps.length; i++) {
                        steps[i] = in.readInt();
                    }
                    int n = in.readInt();
                    if (version == 1) {
                        return new WindowedFrame(
                                seq, pts, novelty, tokensIn, tokensV1(in, n), steps);
                    }
                    Precision width = width(in.readByte());
                    List<Token> tokens = tokensV2(in, n, width);
                    Token frameToken = version >= 3 ? readFrameToken(in, width) : null;
                    return new WindowedFrame(
                            seq, pts, novelty, tokensIn, tokens, steps, frameToken);
                });
    }

    /** Layout 1: per token its position and its vector in FP32. */
    private static List<Token> tokensV1(DataInputStream in, int n) throws IOException {
        List<Token> tokens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int frame = in.readInt();
            float row = in.readFloat();
            float col = in.readFloat();
            int span = in.readInt();
            tokens.add(new Token(readVector(in), frame, row, col, span));
        }
        return tokens;
    }

    private static Precision width(byte width) throws IOException {
        return switch (width) {
            case 4 -> Precision.FP32;
            case 2 -> Precision.FP16;
            default -> throw new IOException("unknown FAST token width " + width + " bytes");
        };
    }

    /**
     * Layouts 2 and 3: (the vectors' width, read by the caller) every token's position, then all
     * vectors at that width.
     */
    private static List<Token> tokensV2(DataInputStream in, int n, Precision precision)
            throws IOException {
        int[] frames = new int[n];
        float[] rows = new float[n];
        float[] cols = new float[n];
        int[] spans = new int[n];
        for (int i = 0; i < n; i++) {
            frames[i] = in.readInt();
            rows[i] = in.readFloat();
            cols[i] = in.readFloat();
            spans[i] = in.readInt();
        }
        List<Token> tokens = new ArrayList<>(n);
        if (n > 0) {
            int dim = in.readInt();
            long size = (long) n * dim * precision.bytesPerValue();
            if (dim < 0 || size > in.available()) {
                throw new IOException(
                        n + " tokens of " + dim + " values do not fit the bytes left");
            }
            byte[] data = new byte[(int) size];
            in.readFully(data);
            List<float[]> vectors = new WireVectors(precision, n, dim, data, null).decode();
            for (int i = 0; i < n; i++) {
                tokens.add(new Token(vectors.get(i), frames[i], rows[i], cols[i], spans[i]));
            }
        }
        return tokens;
    }

    public static byte[] toBytes(SlowFrame f) {
        return write(
                f.tagImage() == null ? STATE_VERSION : SLOW_FRAME_VERSION,
                out -> {
                    out.writeLong(f.seq());
                    out.writeLong(f.ptsMillis());
                    out.writeFloat(f.novelty());
                    TokenGrid g = f.grid();
                    out.writeUTF(g.encoderId());
                    out.writeInt(g.rows());
                    out.writeInt(g.cols());
                    out.writeInt(g.dim());
                    List<float[]> vectors = new ArrayList<>(g.tokens().size());
                    g.tokens().forEach(t -> vectors.add(t.vector()));
                    byte[] data = WireVectors.encode(vectors, Precision.FP16).data();
                    out.writeInt(data.length);
                    out.write(data);
                    writeVector(out, g.pooled());
                    writeVector(out, g.attention());
                    writeThumbnail(out, f.keyframe());
                    if (f.tagImage() != null) {
                        writeThumbnail(out, f.tagImage());
                    }
                });
    }

    private static void writeThumbnail(DataOutputStream out, SlowFrame.Thumbnail t)
            throws IOException {
        out.writeInt(t.width());
        out.writeInt(t.height());
        out.writeInt(t.jpeg().length);
        out.write(t.jpeg());
    }

    private static SlowFrame.Thumbnail readThumbnail(DataInputStream in) throws IOException {
        int w = in.readInt();
        int h = in.readInt();
        byte[] jpeg = new byte[in.readInt()];
        in.readFully(jpeg);
        return new SlowFrame.Thumbnail(w, h, jpeg);
    }

    public static SlowFrame slowFrame(byte[] bytes) {
        return read(
                bytes,
                SLOW_FRAME_VERSION,
                (in, version) -> {
                    long seq = in.readLong();
                    long pts = in.readLong();
                    float novelty = in.readFloat();
                    String encoderId = in.readUTF();
                    int rows = in.readInt();
                    int cols = in.readInt();
                    int dim = in.readInt();
                    byte[] data = new byte[in.readInt()];
                    in.readFully(data);
                    List<float[]> vectors =
                            new WireVectors(Precision.FP16, rows * cols, dim, data, null).decode();
                    List<Token> tokens = new ArrayList<>(vectors.size());
                    for (int i = 0; i < vectors.size(); i++) {
                        tokens.add(Token.patch(vectors.get(i), 0, i / cols, i % cols));
                    }
                    float[] pooled = readVector(in);
                    float[] attention = readVector(in);
                    SlowFrame.Thumbnail keyframe = readThumbnail(in);
                    SlowFrame.Thumbnail tagImage = version >= 2 ? readThumbnail(in) : null;
                    return new SlowFrame(
                            seq,
                            pts,
                            novelty,
                            new TokenGrid(encoderId, rows, cols, tokens, pooled, attention),
                            keyframe,
                            tagImage);
                });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in, byte version) throws IOException;
    }

    private static byte[] write(byte version, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, byte latest, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version < 1 || version > latest) {
                throw new IllegalArgumentException("unknown window state version " + version);
            }
            try {
                return reader.read(in, version);
            } catch (NegativeArraySizeException | IndexOutOfBoundsException e) {
                throw new IOException("a count or size is out of range", e);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "corrupt window state (" + bytes.length + " bytes): " + e, e);
        }
    }

    private static void writeVector(DataOutputStream out, float[] v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(v.length);
        // one write of the big-endian bytes (what writeFloat writes, a byte at a time)
        ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES);
        bytes.asFloatBuffer().put(v);
        out.write(bytes.array());
    }

    private static float[] readVector(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n * Float.BYTES];
        in.readFully(bytes);
        float[] v = new float[n];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(v);
        return v;
    }

    private static void writeMatrix(DataOutputStream out, float[][] m) throws IOException {
        if (m == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(m.length);
        for (float[] v : m) {
            writeVector(out, v);
        }
    }

    private static float[][] readMatrix(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        float[][] m = new float[n][];
        for (int i = 0; i < n; i++) {
            m[i] = readVector(in);
        }
        return m;
    }
}
