package dev.skim.ingest.bench;

import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.ingest.publish.PublishSummary;
import dev.skim.video.FrameSource;
import dev.skim.video.SourceFrame;
import dev.skim.video.source.VideoFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Publish throughput of a video file next to decode-only and decode+JPEG throughput, measured in
 * the same run (the machines are noisy: only ratios within one run mean something). Not a test.
 *
 * <pre>
 * java -cp ingest/target/skim-ingest-0.1.0-SNAPSHOT.jar dev.skim.ingest.bench.PublishBenchmark \
 *     BOOTSTRAP_SERVERS VIDEO_FILE [RESULT_JSON]
 * </pre>
 */
public final class PublishBenchmark {

    private PublishBenchmark() {}

    /** One measured phase. */
    record Phase(String name, long frames, long bytes, long nanos) {
        double fps() {
            return frames * 1e9 / nanos;
        }

        double megabytesPerSecond() {
            return bytes * 1e3 / nanos;
        }

        String json() {
            return String.format(
                    Locale.ROOT,
                    "{\"phase\":\"%s\",\"frames\":%d,\"bytes\":%d,\"seconds\":%.3f,\"fps\":%.1f,\"mbPerSecond\":%.2f}",
                    name,
                    frames,
                    bytes,
                    nanos / 1e9,
                    fps(),
                    megabytesPerSecond());
        }
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println(
                    "usage: PublishBenchmark BOOTSTRAP_SERVERS VIDEO_FILE [RESULT_JSON]");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        String bootstrap = args[0];
        Path video = Path.of(args[1]);
        decodeOnly(video); // warm-up: native load, JIT
        Phase decode = decodeOnly(video);
        Phase jpeg = decodeAndJpeg(video);
        Phase publish1 = publish(bootstrap, video, 1);
        Phase publish = publish(bootstrap, video, 0);
        String json =
                String.format(
                        Locale.ROOT,
                        "{\"video\":\"%s\",\"phases\":[%s,%s,%s,%s],\"publishToDecodeRatio\":%.3f,\"publishToJpegRatio\":%.3f}",
                        video.getFileName(),
                        decode.json(),
                        jpeg.json(),
                        publish1.json(),
                        publish.json(),
                        publish.fps() / decode.fps(),
                        publish.fps() / jpeg.fps());
        for (Phase p : new Phase[] {decode, jpeg, publish1, publish}) {
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %5d frames in %6.2f s = %7.1f frames/s, %6.2f MB/s%n",
                    p.name(),
                    p.frames(),
                    p.nanos() / 1e9,
                    p.fps(),
                    p.megabytesPerSecond());
        }
        System.out.printf(
                Locale.ROOT,
                "publish / decode-only = %.3f, publish / decode+jpeg = %.3f%n",
                publish.fps() / decode.fps(),
                publish.fps() / jpeg.fps());
        if (args.length > 2) {
            try {
                Files.writeString(Path.of(args[2]), json + System.lineSeparator());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Phase decodeOnly(Path video) {
        long start = System.nanoTime();
        long frames = 0;
        long bytes = 0;
        try (FrameSource source = VideoFileSource.open(video)) {
            for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
                frames++;
                bytes += (long) f.get().image().getWidth() * f.get().image().getHeight() * 3;
            }
        }
        return new Phase("decode-only", frames, bytes, System.nanoTime() - start);
    }

    private static Phase decodeAndJpeg(Path video) {
        long start = System.nanoTime();
        long frames = 0;
        long bytes = 0;
        try (FrameSource source = VideoFileSource.open(video)) {
            for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(f.get().image(), "jpeg", out); // quality 0.75
                frames++;
                bytes += out.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Phase("decode+jpeg", frames, bytes, System.nanoTime() - start);
    }

    /** Publishes with {@code threads} JPEG encoder threads (0 = the publisher's default). */
    private static Phase publish(String bootstrap, Path video, int threads) {
        String stream = "bench-" + System.currentTimeMillis();
        FramePublisher.Builder builder = FramePublisher.builder().bootstrapServers(bootstrap);
        if (threads > 0) {
            builder.encoderThreads(threads);
        }
        long start = System.nanoTime();
        PublishSummary summary;
        try (FramePublisher publisher = builder.build();
                FrameSource source = VideoFileSource.open(video)) {
            summary = publisher.publish(stream, source, PublishOptions.defaults());
        }
        return new Phase(
                threads > 0 ? "publish-" + threads + "t" : "publish",
                summary.framesPublished(),
                summary.bytesPublished(),
                System.nanoTime() - start);
    }
}
