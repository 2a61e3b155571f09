package dev.skim.compressor.processor;

import dev.skim.avro.Frame;
import dev.skim.compressor.errors.DeadLetters;
import dev.skim.compressor.metrics.CompressorMetrics;
import org.apache.kafka.common.serialization.Deserializer;
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

    private static final Logger LOG = Logger.getLogger(DecodeProcessor.class);

    private final Deserializer<Frame> frames;
    private final ImageDecoder images;
    private final CompressorMetrics metrics;
    private FixedKeyProcessorContext<String, Outcome<DecodedFrame>> context;

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
            CompressorMetrics metrics) {
        this.frames = frames;
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
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        metrics.frameIn();
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
        } catch (RuntimeException e) {
            reject(record, where, STAGE_DESERIALIZE, e);
            return;
        }
        metrics.streamLag(
                frame.getStreamId(),
                context.currentSystemTimeMs() - frame.getCapturedAt().toEpochMilli());
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

    @Override
    public void close() {
        images.close();
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
