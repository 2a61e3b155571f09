package dev.skim.compressor.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Native-crash quarantine for one stream task (DESIGN.md section 10). Before a record goes through
 * native code (FFmpeg, ImageIO's libjpeg, ONNX Runtime) its coordinates are written to a small
 * file; after it, the file is emptied; a clean close deletes it. A file that still names a record
 * when the task opens again is what an abnormal exit left: that record was in flight when the
 * process died. When it comes again (uncommitted, so it is read again after the restart) and has
 * now been in flight at {@code strikes} abnormal exits, {@link #enter} says to dead-letter it
 * instead of processing it a further time, so a frame that aborts the JVM cannot crash-loop every
 * instance its partition moves to.
 *
 * <p>With {@code strikes} 2 (the default) a frame is tried once more after the first exit, so an
 * instance killed from outside (SIGKILL, OOM killer) while a frame was in flight does not cost that
 * frame. The file is written with plain writes: it survives the process, not the host.
 *
 * <p>Not thread-safe: one per stream task, used by its stream thread.
 */
final class InFlightGuard implements AutoCloseable {

    /** Coordinates of a record and how many abnormal exits it has been in flight at. */
    record Suspect(String topic, int partition, long offset, int exits) {
        boolean is(String t, int p, long o) {
            return partition == p && offset == o && topic.equals(t);
        }

        String line() {
            return topic + " " + partition + " " + offset + " " + exits + "\n";
        }

        static Suspect parse(String text) {
            String[] f = text.trim().split(" ");
            if (f.length != 4) {
                return null;
            }
            try {
                return new Suspect(
                        f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private final Path file;
    private final int strikes;
    private final FileChannel channel;
    private Suspect suspect;

    /**
     * Opens the guard file, reading what an abnormal exit left in it.
     *
     * @param strikes abnormal exits a record may be in flight at before it is quarantined (1 or
     *     more)
     */
    InFlightGuard(Path file, int strikes) {
        if (strikes < 1) {
            throw new IllegalArgumentException("strikes must be at least 1, was " + strikes);
        }
        this.file = file;
        this.strikes = strikes;
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                Suspect left = Suspect.parse(Files.readString(file, StandardCharsets.US_ASCII));
                if (left != null) {
                    suspect =
                            new Suspect(
                                    left.topic(),
                                    left.partition(),
                                    left.offset(),
                                    left.exits() + 1);
                }
            }
            channel =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the in-flight file " + file, e);
        }
    }

    /** The record an abnormal exit left in flight, or null. */
    Suspect suspect() {
        return suspect;
    }

    /**
     * Marks a record as in flight, unless it has crashed the process {@code strikes} times.
     *
     * @return null when the record may be processed ({@link #exit()} after it), or the suspect
     *     record it is, to be dead-lettered
     */
    Suspect enter(String topic, int partition, long offset) {
        int exits = 0;
        if (suspect != null && suspect.is(topic, partition, offset)) {
            Suspect s = suspect;
            suspect = null;
            if (s.exits() >= strikes) {
                return s;
            }
            exits = s.exits();
        }
        write(new Suspect(topic, partition, offset, exits).line());
        return null;
    }

    /** The record marked by {@link #enter} has left native code. */
    void exit() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the in-flight file " + file, e);
        }
    }

    private void write(String line) {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        try {
            channel.truncate(0);
            while (bytes.hasRemaining()) {
                channel.write(bytes, bytes.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the in-flight file " + file, e);
        }
    }

    /** A clean close: nothing is in flight, so the file goes. */
    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the in-flight file " + file, e);
        }
    }
}
