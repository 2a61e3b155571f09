package dev.skim.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Damages a valid video file the ways real files break: bits flipped in transit or on disk, a
 * recording cut off in the middle, a lost index, or something that is no video at all. Every method
 * writes a new file and leaves the original alone.
 */
public final class DamagedVideos {

    private DamagedVideos() {}

    /** Flips one random bit in each of {@code flips} random bytes of the middle third. */
    public static Path flipBytesInTheMiddle(Path source, Path target, int flips, long seed)
            throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Random random = new Random(seed);
        int third = bytes.length / 3;
        for (int i = 0; i < flips; i++) {
            int at = third + random.nextInt(third);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        return Files.write(target, bytes);
    }

    /** The first {@code fraction} of the file, as if the recording stopped there. */
    public static Path cut(Path source, Path target, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        return Files.write(target, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    }

    /** The AVI without its idx1 chunk (removed, the RIFF size fixed). */
    public static Path removeAviIndex(Path source, Path target) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Chunk index = aviChunk(bytes, "idx1");
        byte[] out = new byte[bytes.length - index.length()];
        System.arraycopy(bytes, 0, out, 0, index.offset());
        System.arraycopy(bytes, index.end(), out, index.offset(), bytes.length - index.end());
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, out.length - 8);
        return Files.write(target, out);
    }

    /** The AVI with its idx1 chunk still there but every entry zeroed. */
    public static Path zeroAviIndex(Path source, Path target) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Chunk index = aviChunk(bytes, "idx1");
        Arrays.fill(bytes, index.offset() + 8, index.end(), (byte) 0);
        return Files.write(target, bytes);
    }

    /** The MP4 with the payload of its top-level box {@code type} zeroed (e.g. moov, mdat). */
    public static Path zeroMp4Box(Path source, Path target, String type) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Chunk box = mp4Box(bytes, type);
        Arrays.fill(bytes, box.offset() + 8, box.end(), (byte) 0);
        return Files.write(target, bytes);
    }

    /** The MP4 with its top-level box {@code type} zeroed, header and all: the box is gone. */
    public static Path eraseMp4Box(Path source, Path target, String type) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Chunk box = mp4Box(bytes, type);
        Arrays.fill(bytes, box.offset(), box.end(), (byte) 0);
        return Files.write(target, bytes);
    }

    /** Whether the MP4's moov box (its index) comes before the media data. */
    public static boolean moovFirst(Path mp4) throws IOException {
        byte[] bytes = Files.readAllBytes(mp4);
        return mp4Box(bytes, "moov").offset() < mp4Box(bytes, "mdat").offset();
    }

    /** {@code size} random bytes: no container at all. */
    public static Path randomBytes(Path target, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(target, bytes);
    }

    /** A chunk or box: where it starts (its header included) and how long it is. */
    private record Chunk(int offset, int length) {
        int end() {
            return offset + length;
        }
    }

    /** A top-level RIFF chunk of an AVI ("RIFF" size "AVI " then chunks, little-endian). */
    private static Chunk aviChunk(byte[] bytes, String id) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= bytes.length) {
            int size = buffer.getInt(at + 4);
            if (id.equals(new String(bytes, at, 4, StandardCharsets.US_ASCII))) {
                return new Chunk(at, 8 + size + (size & 1));
            }
            at += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("No " + id + " chunk in this AVI");
    }

    /** A top-level MP4 box (32-bit big-endian size, then the type). */
    private static Chunk mp4Box(byte[] bytes, String type) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int at = 0;
        while (at + 8 <= bytes.length) {
            int size = buffer.getInt(at);
            if (size < 8) {
                break; // 64-bit or to-the-end sizes: the small clips of these tests have none
            }
            if (type.equals(new String(bytes, at + 4, 4, StandardCharsets.US_ASCII))) {
                return new Chunk(at, size);
            }
            at += size;
        }
        throw new IllegalArgumentException("No top-level " + type + " box in this MP4");
    }
}
