package dev.skim.ingest.publish;

import dev.skim.avro.Frame;
import dev.skim.ingest.IngestException;
import dev.skim.schemas.SerdeFactory;
import dev.skim.schemas.Topics;
import dev.skim.video.FrameSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes frames of {@link FrameSource}s to Kafka ({@code skim.frames} by default) as Avro {@link
 * Frame} records, keyed by stream id.
 *
 * <p>The producer is idempotent with {@code acks=all}, compresses and batches. Each stream's {@code
 * seq} starts at 0 and rises by one per published frame, across calls on the same publisher. Frames
 * are downscaled to {@link PublishOptions#maxSize()} and JPEG-encoded; a frame whose record would
 * exceed {@code max.request.size} is shrunk further, or rejected with a reason. At most {@link
 * Builder#maxInFlight(int)} records are unacknowledged at a time (the source waits instead of
 * memory growing). Thread-safe: several threads may publish different streams.
 *
 * <pre>{@code
 * try (FramePublisher publisher = FramePublisher.builder().bootstrapServers("localhost:9092").build();
 *         FrameSource source = VideoFileSource.open(Path.of("vtest.avi"))) {
 *     PublishSummary summary = publisher.publish("cam-1", source, PublishOptions.defaults());
 * }
 * }</pre>
 */
public final class FramePublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FramePublisher.class);

    private final Producer<String, byte[]> producer;
    private final Map<String, Object> producerConfig;
    private final Serializer<Frame> frameSerializer;
    private final String topic;
    private final String bootstrapServers;
    private final int maxRequestSize;
    private final Duration deliveryTimeout;
    private final Semaphore inFlight;
    private final int encoderThreads;
    private final Map<String, AtomicLong> nextSeq = new ConcurrentHashMap<>();
    private final PublisherMetrics metrics = new PublisherMetrics();

    private FramePublisher(Builder b) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, b.clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, b.compression);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        // Frames are tens of kB: batches up to a full request keep several frames per request.
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, b.maxRequestSize);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, b.maxRequestSize);
        long timeout = b.deliveryTimeout.toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(15_000, timeout - 10));
        config.putAll(b.extra);
        this.producerConfig = Map.copyOf(config);
        this.producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.frameSerializer = Topics.create(b.serdes).frames().valueSerde().serializer();
        this.topic = b.topic;
        this.bootstrapServers = b.bootstrapServers;
        this.maxRequestSize = b.maxRequestSize;
        this.deliveryTimeout = b.deliveryTimeout;
        this.inFlight = new Semaphore(b.maxInFlight);
        this.encoderThreads = b.encoderThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Publishes every frame of {@code source} under {@code streamId}; see {@link #publish(String,
     * FrameSource, PublishOptions, PublishListener)}.
     */
    public PublishSummary publish(String streamId, FrameSource source, PublishOptions options) {
        return publish(streamId, source, options, PublishListener.none());
    }

    /**
     * Publishes frames of {@code source} under {@code streamId} until the source ends (or {@link
     * PublishOptions#maxFrames()} is reached), then waits until Kafka has acknowledged all of them.
     * Does not close the source. Interrupting the calling thread stops reading: what was read is
     * still sent and flushed, the summary is returned and the thread stays interrupted.
     *
     * @return counts of what was published, skipped and unreadable
     * @throws IngestException BROKER_UNREACHABLE when Kafka cannot be reached within the delivery
     *     timeout, DELIVERY_FAILED when Kafka rejects records
     * @throws dev.skim.video.FrameSourceException when the source fails (frames read before are
     *     still published)
     */
    public PublishSummary publish(
            String streamId, FrameSource source, PublishOptions options, PublishListener listener) {
        Objects.requireNonNull(streamId, "streamId");
        if (streamId.isBlank()) {
            throw new IllegalArgumentException("streamId must not be blank");
        }
        AtomicLong seq = nextSeq.computeIfAbsent(streamId, s -> new AtomicLong());
        try (PublishRun run = new PublishRun(this, streamId, source, options, listener, seq)) {
            return run.execute();
        }
    }

    /** Counters over all streams of this publisher. */
    public PublisherMetrics metrics() {
        return metrics;
    }

    /** The next seq that {@code streamId} will get (0 for a new stream). */
    public long nextSeq(String streamId) {
        AtomicLong seq = nextSeq.get(streamId);
        return seq == null ? 0 : seq.get();
    }

    Producer<String, byte[]> producer() {
        return producer;
    }

    Serializer<Frame> frameSerializer() {
        return frameSerializer;
    }

    String topic() {
        return topic;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** What is wrong with the broker connection, after a timeout. */
    String diagnoseTimeout() {
        return BrokerDiagnosis.explain(producerConfig, topic);
    }

    int maxRequestSize() {
        return maxRequestSize;
    }

    Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    int encoderThreads() {
        return encoderThreads;
    }

    Semaphore inFlight() {
        return inFlight;
    }

    PublisherMetrics metricsInternal() {
        return metrics;
    }

    /** Flushes what is pending and closes the producer. */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(deliveryTimeout);
            frameSerializer.close();
            LOG.info("Frame publisher closed: {}", metrics.snapshot());
        }
    }

    /** Builds a {@link FramePublisher}; only {@link #bootstrapServers} is required. */
    public static final class Builder {
        private String bootstrapServers;
        private String topic = Topics.FRAMES;
        private String clientId = "skim-ingest";
        private String compression = "none";
        private int maxRequestSize = 1024 * 1024;
        private int maxInFlight = 64;
        private int encoderThreads =
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private Duration deliveryTimeout = Duration.ofSeconds(30);
        private final Map<String, Object> extra = new HashMap<>();
        private SerdeFactory serdes = SerdeFactory.singleObject();

        private Builder() {}

        /**
         * The wire format of frame records: Avro single-object encoding (the default) or a schema
         * registry's ({@code SerdeFactory.fromConfig}); the compressor must read the same.
         */
        public Builder serdes(SerdeFactory value) {
            this.serdes = Objects.requireNonNull(value, "serdes");
            return this;
        }

        /** Kafka's {@code bootstrap.servers} (required). */
        public Builder bootstrapServers(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("bootstrapServers must not be blank");
            }
            this.bootstrapServers = value;
            return this;
        }

        /** Topic to publish to; default {@code skim.frames}. */
        public Builder topic(String value) {
            this.topic = Objects.requireNonNull(value, "topic");
            return this;
        }

        public Builder clientId(String value) {
            this.clientId = Objects.requireNonNull(value, "clientId");
            return this;
        }

        /**
         * Producer compression: none (default), gzip, snappy, lz4 or zstd. JPEG payloads do not
         * compress (zstd 1.000x, lz4 0.999x on vtest.avi's frames), and a compressed batch costs
         * CPU in the producer, the broker (which decompresses to validate) and every consumer.
         */
        public Builder compression(String value) {
            this.compression = Objects.requireNonNull(value, "compression");
            return this;
        }

        /** Kafka's {@code max.request.size}; frames are shrunk to fit. Default 1 MiB. */
        public Builder maxRequestSize(int value) {
            if (value < 64 * 1024) {
                throw new IllegalArgumentException("maxRequestSize must be >= 65536, was " + value);
            }
            this.maxRequestSize = value;
            return this;
        }

        /** Unacknowledged records allowed before the source waits. Default 64. */
        public Builder maxInFlight(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxInFlight must be >= 1, was " + value);
            }
            this.maxInFlight = value;
            return this;
        }

        /**
         * Threads that JPEG-encode frames of one {@code publish} call (frames still go out in
         * order). Default: the number of processors, at most 4.
         */
        public Builder encoderThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("encoderThreads must be >= 1, was " + value);
            }
            this.encoderThreads = value;
            return this;
        }

        /**
         * How long to wait for Kafka (metadata, acknowledgement) before failing with
         * BROKER_UNREACHABLE: {@code max.block.ms} and {@code delivery.timeout.ms}. Default 30 s.
         */
        public Builder deliveryTimeout(Duration value) {
            if (value.toMillis() < 1000) {
                throw new IllegalArgumentException("deliveryTimeout must be >= 1 s, was " + value);
            }
            this.deliveryTimeout = value;
            return this;
        }

        /** Any other producer property (e.g. security settings); overrides the defaults. */
        public Builder property(String key, Object value) {
            extra.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public FramePublisher build() {
            if (bootstrapServers == null) {
                throw new IllegalStateException("bootstrapServers is required");
            }
            return new FramePublisher(this);
        }
    }
}
