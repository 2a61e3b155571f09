package dev.skim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Keyframe;
import dev.skim.avro.TokenBlock;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scale-out and exactly-once: three packaged compressors share six partitions carrying six streams;
 * one is killed (SIGKILL) mid-stream; after the rebalance the survivors restore its tasks' state
 * from the changelogs, and a read_committed consumer sees every frame exactly once.
 */
class ScaleOutIT {

    private static final Topics TOPICS = Topics.defaults();
    private static final int PARTITIONS = 6;
    private static final int FRAMES = 120;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** Fast, model-free encoding and short timeouts, so that the failover happens in seconds. */
    private static final Map<String, String> COMPRESSOR =
            Map.of(
                    "skim.compressor.encoder.name", "classical",
                    "skim.compressor.window.size", "1s",
                    "skim.compressor.window.idle-flush", "3s",
                    "kafka-streams.consumer.session.timeout.ms", "6000",
                    "kafka-streams.consumer.heartbeat.interval.ms", "1000",
                    "kafka-streams.producer.transaction.timeout.ms", "5000",
                    "kafka-streams.consumer.max.poll.records", "10");

    private final List<AppProcess> apps = new ArrayList<>();
    private KafkaBroker broker;

    @AfterEach
    void stop() {
        apps.forEach(AppProcess::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldDeliverEveryFrameExactlyOnceWhenAnInstanceIsKilledMidStream() throws Exception {
        // 1. A broker with six partitions per topic and three compressors.
        broker = KafkaBroker.start();
        broker.createTopics(PARTITIONS, TOPICS.names());
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            apps.add(AppProcess.launch("compressor", broker.bootstrapServers(), COMPRESSOR));
        }
        for (AppProcess app : apps) {
            app.awaitReady(Duration.ofSeconds(120));
        }
        log(t0, "three compressors ready");
        List<String> streams = streamsOnDistinctPartitions();

        // 2. The first half of six synthetic videos.
        Map<String, SyntheticVideoSource> sources = new LinkedHashMap<>();
        try (FramePublisher publisher =
                FramePublisher.builder().bootstrapServers(broker.bootstrapServers()).build()) {
            for (int i = 0; i < streams.size(); i++) {
                sources.put(
                        streams.get(i),
                        SyntheticVideoSource.of(
                                new SyntheticSpec(160, 90, 10, FRAMES, 11 + i, 3, 1)));
            }
            for (var e : sources.entrySet()) {
                publisher.publish(
                        e.getKey(),
                        e.getValue(),
                        PublishOptions.defaults().withMaxFrames(FRAMES / 2));
            }

            // 3. Once token blocks flow, kill one instance outright.
            TopicReader.readUntil(
                    broker.clientProperties(),
                    Topics.TOKENS,
                    TOPICS.tokens().valueSerde().deserializer(),
                    l -> l.size() >= 6,
                    TIMEOUT);
            apps.get(0).kill();
            log(t0, "killed one compressor");

            // 4. The second half, while the group rebalances.
            for (var e : sources.entrySet()) {
                publisher.publish(e.getKey(), e.getValue(), PublishOptions.defaults());
            }
        } finally {
            sources.values().forEach(SyntheticVideoSource::close);
        }

        log(t0, "all frames published");
        // 5. Read committed blocks until every frame is accounted for, then a little longer so
        //    that a duplicate would show up too.
        List<TokenBlock> blocks =
                TopicReader.readUntil(
                        broker.clientProperties(),
                        Topics.TOKENS,
                        TOPICS.tokens().valueSerde().deserializer(),
                        l -> streams.stream().allMatch(s -> complete(l, s)),
                        TIMEOUT);
        blocks =
                TopicReader.readAll(
                        broker.clientProperties(),
                        Topics.TOKENS,
                        TOPICS.tokens().valueSerde().deserializer(),
                        Duration.ofSeconds(5));
        List<Keyframe> keyframes =
                TopicReader.readAll(
                        broker.clientProperties(),
                        Topics.KEYFRAMES,
                        TOPICS.keyframes().valueSerde().deserializer(),
                        Duration.ofSeconds(3));

        // 6. Every frame of every stream exactly once in the FAST tier, every window with its
        //    slow frames and keyframes, nothing dead-lettered.
        for (String stream : streams) {
            Map<Long, Long> counts = TokenChecks.fastCounts(blocks, stream);
            assertThat(counts.keySet())
                    .as("frames of %s", stream)
                    .containsExactlyElementsOf(LongStream.range(0, FRAMES).boxed().toList());
            assertThat(counts.values())
                    .as("times each frame of %s appears", stream)
                    .containsOnly(1L);
            TokenChecks.assertEveryWindowHasSlowFramesAndKeyframes(blocks, keyframes, stream);
        }
        Set<Long> slowKeys = new HashSet<>();
        for (Keyframe k : keyframes) {
            assertThat(slowKeys.add(k.getSeq() * 31 + k.getStreamId().hashCode()))
                    .as("keyframe %s/%d once", k.getStreamId(), k.getSeq())
                    .isTrue();
        }
        assertThat(
                        TopicReader.readAll(
                                broker.clientProperties(),
                                Topics.DEAD_LETTERS,
                                TOPICS.deadLetters().valueSerde().deserializer(),
                                Duration.ofSeconds(1)))
                .isEmpty();
    }

    private static void log(long t0, String what) {
        System.out.printf("[ScaleOutIT] %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private static boolean complete(List<TokenBlock> blocks, String stream) {
        return TokenChecks.fastCounts(blocks, stream).size() >= FRAMES;
    }

    /** Six stream ids that the default partitioner puts on six different partitions. */
    private static List<String> streamsOnDistinctPartitions() {
        Map<Integer, String> byPartition = new HashMap<>();
        for (int i = 0; byPartition.size() < PARTITIONS; i++) {
            String id = "cam-" + i;
            int p =
                    Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8)))
                            % PARTITIONS;
            byPartition.putIfAbsent(p, id);
        }
        return List.copyOf(new java.util.TreeMap<>(byPartition).values());
    }
}
