package dev.skim.compressor.processor;

import dev.skim.avro.Frame;
import dev.skim.compressor.errors.DeadLetters;
import dev.skim.compressor.metrics.CompressorMetrics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Stage 1: raw record bytes to a {@link DecodedFrame}. Bytes that are not a Skim {@code Frame}, and
 * frames whose image is corrupt, of the wrong size or too large, become dead letters with the
 * reason (the deserialization happens here, not in a serde, so that a poison pill is routed inside
 * the same exactly-once transaction as everything else).
 */
public final class DecodeProcessor
        implements FixedKeyProcessor<String, byte[], Outcome<DecodedFrame>> {

    public static final String STAGE_DESERIALIZE = "deserialize";
    public static final String STAGE_DECODE = "decode";
    public static final String STAGE_QUARANTINE = "quarantine";

    /**
     * Longest stream id accepted: a stream id is the key and a field of every record of its stream,
     * and the block size estimate allows for short names only.
     */
    public static final int MAX_STREAM_ID_CHARS = 256;

    /** The in-flight files' folder, beside the application's folder in {@code state.dir}. */
    public static final String IN_FLIGHT_DIR = "skim-in-flight";

    private static final Logger LOG = Logger.getLogger(DecodeProcessor.class);

    private final Deserializer<Frame> frames;
    private final ImageDecoder images;
    private final CompressorMetrics metrics;
    private final Quarantine quarantine;
    private FixedKeyProcessorContext<String, Outcome<DecodedFrame>> context;
    private InFlightGuard guard;

    /**
     * Native-crash quarantine (DESIGN.md section 10).
     *
     * @param strikes abnormal exits a record may be in flight at before it is dead-lettered
     * @param abortMarker fault injection for tests, null in production: a frame whose image bytes
     *     start with these bytes halts the JVM as a native crash would
     */
    public record Quarantine(int strikes, byte[] abortMarker) {
        /** Two strikes, no fault injection. */
        public static final Quarantine DEFAULT = new Quarantine(2, null);
    }

    /**
     * @param maxPixels largest frame accepted (width x height)
     * @param minShortSide JPEGs are decoded at a reduced scale as long as their shorter side stays
     *     at least this (the encoder's input side; 0 for no reduction)
     * @param minLongSide ... and their longer side at least this (the keyframe size)
     */
    public DecodeProcessor(
            Deserializer<Frame> frames,
            long maxPixels,
            int minShortSide,
            int minLongSide,
            Quarantine quarantine,
            CompressorMetrics metrics) {
        this.frames = frames;
        this.quarantine = quarantine;
        this.images =
                new ImageDecoder(
                        maxPixels,
                        minShortSide <= 0
                                ? ImageDecoder.MinSize.FULL
                                : new ImageDecoder.MinSize(minShortSide, minLongSide));
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<DecodedFrame>> context) {
        this.context = context;
        // beside the application's folder: Kafka Streams wipes a task's own folder after an
        // unclean exit under exactly-once, which would take the evidence with it
        Path file =
                Path.of(String.valueOf(context.appConfigs().get(StreamsConfig.STATE_DIR_CONFIG)))
                        .resolve(IN_FLIGHT_DIR)
                        .resolve(String.valueOf(context.applicationId()))
                        .resolve(context.taskId().toString());
        guard = new InFlightGuard(file, quarantine.strikes());
        if (guard.suspect() != null) {
            LOG.warnf(
                    "Task %s: the last process exited while %s-%d@%d was in flight (%d time(s));"
                            + " it is dead-lettered after %d",
                    context.taskId(),
                    guard.suspect().topic(),
                    guard.suspect().partition(),
                    guard.suspect().offset(),
                    guard.suspect().exits(),
                    quarantine.strikes());
        }
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        metrics.frameIn();
        InFlightGuard.Suspect crashed =
                guard.enter(where.topic(), where.partition(), where.offset());
        if (crashed != null) {
            reject(
                    record,
                    where,
                    STAGE_QUARANTINE,
                    new IllegalStateException(
                            "crashed the process: the record was in flight at "
                                    + crashed.exits()
                                    + " abnormal exits (native decoding or encoding); it is"
                                    + " quarantined, not processed again"));
            return;
        }
        try {
            decodeAndForward(record, where);
        } finally {
            guard.exit();
        }
    }

    private void decodeAndForward(FixedKeyRecord<String, byte[]> record, RecordMetadata where) {
        Frame frame;
        try {
            frame = frames.deserialize(where.topic(), record.value());
            if (frame == null) {
                throw new IllegalArgumentException("the record has no value (tombstone)");
            }
            if (!frame.getStreamId().equals(record.key())) {
                // the key decides the partition and so where the stream's state lives
                throw new IllegalArgumentException(
                        "the record key '"
                                + record.key()
                                + "' is not the frame's streamId '"
                                + frame.getStreamId()
                                + "'");
            }
            if (frame.getStreamId().length() > MAX_STREAM_ID_CHARS) {
                // it is in every block, keyframe and dead letter of the stream, key and value
                throw new IllegalArgumentException(
                        "the stream id has "
                                + frame.getStreamId().length()
                                + " characters; at most "
                                + MAX_STREAM_ID_CHARS
                                + " are accepted");
            }
        } catch (RuntimeException e) {
            reject(record, where, STAGE_DESERIALIZE, e);
            return;
        }
        metrics.streamLag(
                frame.getStreamId(),
                context.currentSystemTimeMs() - frame.getCapturedAt().toEpochMilli());
        if (quarantine.abortMarker() != null && startsWith(frame, quarantine.abortMarker())) {
            LOG.errorf(
                    "Fault injection: halting the JVM on %s-%d@%d",
                    where.topic(), where.partition(), where.offset());
            Runtime.getRuntime().halt(134);
        }
        try {
            DecodedFrame decoded =
                    new DecodedFrame(
                            frame.getStreamId(),
                            frame.getSeq(),
                            frame.getPtsMillis(),
                            images.decode(frame));
            context.forward(record.withValue(Outcome.ok(decoded)));
        } catch (RuntimeException e) {
            reject(record, where, STAGE_DECODE, e);
        }
    }

    private static boolean startsWith(Frame frame, byte[] marker) {
        ByteBuffer data = frame.getData().duplicate();
        if (data.remaining() < marker.length) {
            return false;
        }
        for (byte b : marker) {
            if (data.get() != b) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        images.close();
        if (guard != null) {
            guard.close();
        }
    }

    private void reject(
            FixedKeyRecord<String, byte[]> record,
            RecordMetadata where,
            String stage,
            Exception e) {
        LOG.warnf(
                "Dead letter: stream=%s %s-%d@%d stage=%s: %s",
                record.key(),
                where.topic(),
                where.partition(),
                where.offset(),
                stage,
                e.getMessage());
        context.forward(
                record.withValue(
                        Outcome.failed(
                                DeadLetters.of(
                                        record.key(),
                                        where.topic(),
                                        where.partition(),
                                        where.offset(),
                                        stage,
                                        e.getMessage() == null ? e.toString() : e.getMessage(),
                                        e,
                                        record.value()))));
    }
}
