package dev.skim.ingest.publish;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * JPEG-encodes frames on a few threads (encoding, not decoding or Kafka, is what limits
 * throughput). Each thread borrows one of the pool's encoders, which are not thread-safe.
 */
final class EncoderPool implements AutoCloseable {

    private final ExecutorService executor;
    private final BlockingQueue<FittingEncoder> encoders;
    private final List<FittingEncoder> all = new ArrayList<>();

    EncoderPool(int threads, int maxRequestSize, String streamId) {
        this.executor =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "jpeg-" + streamId);
                            t.setDaemon(true);
                            return t;
                        });
        this.encoders = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            FittingEncoder encoder = new FittingEncoder(maxRequestSize);
            all.add(encoder);
            encoders.add(encoder);
        }
    }

    Future<FittingEncoder.Fit> submit(
            BufferedImage image,
            MaxSize maxSize,
            int quality,
            Function<JpegEncoder.Encoded, byte[]> toValue) {
        return executor.submit(
                () -> {
                    FittingEncoder encoder = encoders.take();
                    try {
                        return encoder.encode(image, maxSize, quality, toValue);
                    } finally {
                        encoders.add(encoder);
                    }
                });
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            // ImageIO does not stop on interrupt; let running encodes end before disposing.
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(FittingEncoder::close);
    }
}
