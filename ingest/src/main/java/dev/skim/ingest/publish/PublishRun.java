package dev.skim.ingest.publish;

import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.ingest.IngestException;
import dev.skim.video.FrameSource;
import dev.skim.video.SourceFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link FramePublisher#publish} call: read, sample, pace, encode (on a few threads, results
 * taken in source order), send, then flush.
 */
final class PublishRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublishRun.class);

    /** A frame being encoded. */
    private record Pending(long ptsMillis, Future<FittingEncoder.Fit> fit) {}

    private final FramePublisher publisher;
    private final String streamId;
    private final FrameSource source;
    private final PublishOptions options;
    private final PublishListener listener;
    private final AtomicLong seq;
    private final EncoderPool encoders;
    private final int window;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final FpsSampler sampler;
    private final Pacer pacer = new Pacer();
    private final Map<String, String> attributes;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong ackedBytes = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long read;
    private long sent;
    private long skipped;
    private long rejected;
    private long firstSeq = -1;
    private long lastSeq = -1;
    private long firstPts = -1;
    private long lastPts = -1;

    PublishRun(
            FramePublisher publisher,
            String streamId,
            FrameSource source,
            PublishOptions options,
            PublishListener listener,
            AtomicLong seq) {
        this.publisher = publisher;
        this.streamId = streamId;
        this.source = source;
        this.options = options;
        this.listener = listener;
        this.seq = seq;
        this.encoders =
                new EncoderPool(publisher.encoderThreads(), publisher.maxRequestSize(), streamId);
        this.window = publisher.encoderThreads() + 1;
        this.sampler = new FpsSampler(options.targetFps());
        Map<String, String> attrs = new HashMap<>(options.attributes());
        attrs.put("source", source.description());
        this.attributes = Map.copyOf(attrs);
    }

    PublishSummary execute() {
        long start = System.nanoTime();
        long unreadableBefore = source.unreadableFrames();
        long damagedBefore = source.damagedFrames();
        LOG.info(
                "Publishing {} as stream {} to {}",
                source.description(),
                streamId,
                publisher.topic());
        boolean interrupted = false;
        try {
            interrupted = sendAll();
        } finally {
            pending.forEach(p -> p.fit().cancel(true));
            flush();
        }
        throwIfFailed();
        long unreadable = source.unreadableFrames() - unreadableBefore;
        publisher.metricsInternal().unreadable.add(unreadable);
        long damaged = source.damagedFrames() - damagedBefore;
        PublishSummary summary =
                new PublishSummary(
                        streamId,
                        acked.get(),
                        ackedBytes.get(),
                        unreadable,
                        damaged,
                        skipped,
                        rejected,
                        firstSeq,
                        lastSeq,
                        firstPts,
                        lastPts,
                        Duration.ofNanos(System.nanoTime() - start));
        LOG.info(
                "Stream {}: published {} frames (seq {}..{}), {} bytes, {} unreadable, {} damaged,"
                        + " {} rejected{}",
                streamId,
                summary.framesPublished(),
                firstSeq,
                lastSeq,
                summary.bytesPublished(),
                unreadable,
                damaged,
                rejected,
                interrupted ? " (interrupted)" : "");
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return summary;
    }

    /** Returns true when stopped by an interrupt. */
    private boolean sendAll() {
        while (options.maxFrames() == 0 || read < options.maxFrames()) {
            if (Thread.currentThread().isInterrupted() || failure.get() != null) {
                return Thread.interrupted();
            }
            Optional<SourceFrame> next;
            try {
                next = source.next();
            } catch (RuntimeException e) {
                // Frames read before the source failed are still published.
                drainPending();
                throw e;
            }
            if (next.isEmpty()) {
                break;
            }
            SourceFrame frame = next.get();
            if (!sampler.accept(frame.ptsMillis())) {
                skipped++;
                listener.onFrameSkipped(streamId, frame.ptsMillis());
                continue;
            }
            if (options.realtime()) {
                try {
                    pacer.await(frame.ptsMillis());
                } catch (InterruptedException e) {
                    return true;
                }
            }
            read++;
            // The size check uses the largest seq, so the real record is never larger.
            pending.add(
                    new Pending(
                            frame.ptsMillis(),
                            encoders.submit(
                                    frame.image(),
                                    options.maxSize(),
                                    options.jpegQuality(),
                                    jpeg ->
                                            serialize(
                                                    Long.MAX_VALUE,
                                                    frame.ptsMillis(),
                                                    Instant.now(),
                                                    jpeg))));
            // The first frame is sent alone (see awaitFirstAck); then up to `window` at a time.
            while (pending.size() >= (sent == 0 ? 1 : window)) {
                if (!sendOldest()) {
                    return true;
                }
            }
        }
        return !drainPending();
    }

    /** Sends every frame still being encoded. Returns false when interrupted. */
    private boolean drainPending() {
        while (!pending.isEmpty() && failure.get() == null) {
            if (!sendOldest()) {
                return false;
            }
        }
        return true;
    }

    /** Sends the oldest encoded frame. Returns false when interrupted. */
    private boolean sendOldest() {
        Pending next = pending.poll();
        FittingEncoder.Fit fit;
        try {
            fit = next.fit().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Encoding frame at pts "
                            + next.ptsMillis()
                            + " of stream "
                            + streamId
                            + " failed",
                    e.getCause());
        }
        if (fit instanceof FittingEncoder.Rejected r) {
            rejected++;
            publisher.metricsInternal().rejected.increment();
            LOG.warn(
                    "Stream {}: frame at pts {} ms rejected: {}",
                    streamId,
                    next.ptsMillis(),
                    r.reason());
            listener.onFrameSkipped(streamId, next.ptsMillis());
            return true;
        }
        return send(next.ptsMillis(), ((FittingEncoder.Fitted) fit).jpeg());
    }

    /** Returns false when interrupted while waiting for room in flight. */
    private boolean send(long ptsMillis, JpegEncoder.Encoded jpeg) {
        long frameSeq = seq.get();
        byte[] value = serialize(frameSeq, ptsMillis, Instant.now(), jpeg);
        try {
            publisher.inFlight().acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        Future<RecordMetadata> ack;
        try {
            ack =
                    publisher
                            .producer()
                            .send(
                                    new ProducerRecord<>(publisher.topic(), streamId, value),
                                    (metadata, error) ->
                                            onAck(frameSeq, value.length, metadata, error));
        } catch (TimeoutException e) {
            publisher.inFlight().release();
            throw brokerUnreachable(e);
        } catch (KafkaException e) {
            publisher.inFlight().release();
            throw new IngestException(
                    IngestException.Reason.DELIVERY_FAILED,
                    "Kafka refused frame seq " + frameSeq + " of stream " + streamId + ": " + e,
                    e);
        }
        seq.incrementAndGet();
        sent++;
        publisher.metricsInternal().framesSent.increment();
        if (firstSeq < 0) {
            firstSeq = frameSeq;
            firstPts = ptsMillis;
        }
        lastSeq = frameSeq;
        lastPts = ptsMillis;
        listener.onFrameSent(streamId, frameSeq, ptsMillis, value.length);
        return sent != 1 || awaitFirstAck(ack);
    }

    /**
     * The first frame of a run is acknowledged before the next is sent. All frames of a stream go
     * to one partition; if that partition is new, pipelined first requests can be reordered around
     * the moment the broker takes the partition over, and the idempotent producer then spins on
     * OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout (KAFKA-15591, KAFKA-19880). One round
     * trip per run avoids that. Returns false when interrupted.
     */
    private boolean awaitFirstAck(Future<RecordMetadata> ack) {
        try {
            ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            // onAck has recorded the failure; the loop stops and throwIfFailed reports it.
            LOG.debug(
                    "Stream {}: first frame not delivered: {}", streamId, e.getCause().toString());
        }
        return true;
    }

    private byte[] serialize(
            long frameSeq, long ptsMillis, Instant capturedAt, JpegEncoder.Encoded jpeg) {
        Frame record =
                Frame.newBuilder()
                        .setStreamId(streamId)
                        .setSeq(frameSeq)
                        .setPtsMillis(ptsMillis)
                        .setCapturedAt(capturedAt)
                        .setWidth(jpeg.width())
                        .setHeight(jpeg.height())
                        .setEncoding(ImageEncoding.JPEG)
                        .setData(ByteBuffer.wrap(jpeg.data()))
                        .setAttributes(new HashMap<>(attributes))
                        .build();
        return publisher.frameSerializer().serialize(publisher.topic(), record);
    }

    private void onAck(long frameSeq, int bytes, RecordMetadata metadata, Exception error) {
        publisher.inFlight().release();
        if (error == null) {
            acked.incrementAndGet();
            ackedBytes.addAndGet(bytes);
            publisher.metricsInternal().framesAcked.increment();
            publisher.metricsInternal().bytesAcked.add(bytes);
            return;
        }
        publisher.metricsInternal().errors.increment();
        if (failure.compareAndSet(null, error)) {
            LOG.error(
                    "Stream {}: frame seq {} was not delivered to {}: {}",
                    streamId,
                    frameSeq,
                    publisher.topic(),
                    error.toString());
        }
    }

    private void flush() {
        boolean interrupted = Thread.interrupted();
        try {
            publisher.producer().flush();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void throwIfFailed() {
        Exception error = failure.get();
        if (error == null) {
            return;
        }
        long lost = sent - acked.get();
        if (error instanceof TimeoutException) {
            throw brokerUnreachable(error);
        }
        throw new IngestException(
                IngestException.Reason.DELIVERY_FAILED,
                "Stream "
                        + streamId
                        + ": "
                        + lost
                        + " of "
                        + sent
                        + " frames were not delivered to "
                        + publisher.topic()
                        + ": "
                        + error,
                error);
    }

    private IngestException brokerUnreachable(Exception cause) {
        return new IngestException(
                IngestException.Reason.BROKER_UNREACHABLE,
                "Kafka at "
                        + publisher.bootstrapServers()
                        + " did not accept frames of stream "
                        + streamId
                        + " within "
                        + publisher.deliveryTimeout().toSeconds()
                        + " s: "
                        + publisher.diagnoseTimeout()
                        + " ("
                        + cause.getMessage()
                        + ")",
                cause);
    }

    @Override
    public void close() {
        encoders.close();
    }
}
