package dev.skim.core.encoder;

import dev.skim.core.tokens.TokenGrid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micro-batching in front of any {@link FrameEncoder}: single-frame {@link #encode} calls from many
 * threads are queued, and one worker thread sends them to the delegate together, as soon as {@code
 * maxBatch} frames wait or {@code maxWait} has passed since the first of them arrived (dynamic
 * batching in the manner of model servers such as Triton and DJL Serving). Results come back to
 * each caller in order; a failing batch fails each of its callers with the delegate's exception.
 *
 * <p>{@link #encodeBatch} with more than one frame bypasses the queue: the caller already batched.
 * Owns the delegate: {@link #close()} closes it, and fails frames still queued.
 */
public final class BatchingFrameEncoder implements FrameEncoder {

    private record Request(RgbImage image, CompletableFuture<TokenGrid> result) {}

    private final FrameEncoder delegate;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();

    /**
     * @param delegate the encoder that runs the batches
     * @param maxBatch most frames per delegate call
     * @param maxWait longest a frame waits for others before its batch is sent
     */
    public BatchingFrameEncoder(FrameEncoder delegate, int maxBatch, Duration maxWait) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("maxBatch must be positive, was " + maxBatch);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.worker = new Thread(this::runBatches, "skim-encoder-batcher-" + delegate.id());
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public int rows() {
        return delegate.rows();
    }

    @Override
    public int cols() {
        return delegate.cols();
    }

    @Override
    public int inputSide() {
        return delegate.inputSide();
    }

    @Override
    public int dim() {
        return delegate.dim();
    }

    @Override
    public TokenGrid encode(RgbImage image) {
        Objects.requireNonNull(image, "image");
        if (closed.get()) {
            throw new IllegalStateException("encoder '" + id() + "' is closed");
        }
        Request request = new Request(image, new CompletableFuture<>());
        queue.add(request);
        try {
            return request.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public List<TokenGrid> encodeBatch(List<RgbImage> images) {
        if (images.size() == 1) {
            return List.of(encode(images.get(0)));
        }
        return delegate.encodeBatch(images);
    }

    /** Delegate calls made by the worker so far. */
    public long batches() {
        return batches.get();
    }

    /** Frames the worker has encoded so far. */
    public long frames() {
        return frames.get();
    }

    private void runBatches() {
        List<Request> batch = new ArrayList<>(maxBatch);
        try {
            while (!closed.get()) {
                batch.add(queue.take());
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Request next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                run(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            // close() interrupts the worker; fail whatever was collected
            Thread.currentThread().interrupt();
            batch.forEach(r -> r.result().completeExceptionally(closedError()));
        }
    }

    private void run(List<Request> batch) {
        List<RgbImage> images = new ArrayList<>(batch.size());
        batch.forEach(r -> images.add(r.image()));
        try {
            List<TokenGrid> grids = delegate.encodeBatch(images);
            batches.incrementAndGet();
            frames.addAndGet(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(grids.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(r -> r.result().completeExceptionally(e));
        } catch (Error e) {
            // the worker dies with the error; nobody may wait for it any more
            closed.set(true);
            batch.forEach(r -> r.result().completeExceptionally(e));
            List<Request> left = new ArrayList<>();
            queue.drainTo(left);
            left.forEach(r -> r.result().completeExceptionally(e));
            throw e;
        }
    }

    private RuntimeException closedError() {
        return new CancellationException("encoder '" + id() + "' was closed");
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            worker.interrupt();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Request> left = new ArrayList<>();
            queue.drainTo(left);
            left.forEach(r -> r.result().completeExceptionally(closedError()));
            delegate.close();
        }
    }
}
