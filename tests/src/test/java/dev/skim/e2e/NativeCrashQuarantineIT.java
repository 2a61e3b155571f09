package dev.skim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.DeadLetter;
import dev.skim.avro.Frame;
import dev.skim.avro.ImageEncoding;
import dev.skim.avro.TokenBlock;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Native-crash quarantine with the packaged compressor: a frame that kills the JVM (here the
 * compressor's fault injection, {@code skim.compressor.quarantine.abort-on}, which halts the JVM as
 * an abort in native code would) does not crash-loop the compressor. It is tried once more, then
 * dead-lettered with reason "crashed the process"; every other frame is in {@code skim.tokens}
 * exactly once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class NativeCrashQuarantineIT {

    private static final Topics TOPICS = Topics.defaults();
    private static final String MARKER = "SKIM-TEST-ABORT";
    private static final int FRAMES = 40;
    private static final long MARKED_SEQ = 17;

    @Test
    void shouldDeadLetterAFrameThatKillsTheProcessAndCarryEveryOtherFrameOnce(KafkaBroker broker)
            throws Exception {
        // 1. A stream of 40 frames whose frame 17 kills any process that decodes it.
        long markedOffset = publish(broker);

        // 2. Run the compressor on one state directory until it stays up, restarting it after
        //    each abnormal exit as a supervisor (Kubernetes, systemd) would.
        Path state = Files.createTempDirectory("skim-quarantine-state");
        Map<String, String> props =
                Map.of(
                        "skim.compressor.encoder.name", "classical",
                        "skim.compressor.window.idle-flush", "2s",
                        "skim.compressor.quarantine.abort-on", MARKER,
                        "kafka-streams.state.dir", state.toString(),
                        "kafka-streams.consumer.session.timeout.ms", "6000");
        List<Integer> exits = new ArrayList<>();
        AppProcess compressor = null;
        try {
            for (int run = 0; run < 4 && compressor == null; run++) {
                compressor = AppProcess.launch("compressor", broker.bootstrapServers(), props);
                OptionalInt exit = awaitExitOrQuarantine(compressor, Duration.ofMinutes(2));
                if (exit.isPresent()) {
                    exits.add(exit.getAsInt());
                    compressor = null;
                }
            }
            assertThat(exits)
                    .as("the marked frame kills the first run and its one retry, then no more")
                    .containsExactly(134, 134);
            assertThat(compressor).as("the third run stays up").isNotNull();

            // 3. The marked frame in the dead-letter topic, with the reason and its coordinates.
            List<DeadLetter> dead =
                    TopicReader.readUntil(
                            broker.clientProperties(),
                            Topics.DEAD_LETTERS,
                            TOPICS.deadLetters().valueSerde().deserializer(),
                            l -> !l.isEmpty(),
                            Duration.ofMinutes(2));
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getStage()).isEqualTo("quarantine");
            assertThat(dead.get(0).getReason()).startsWith("crashed the process");
            assertThat(dead.get(0).getOffset()).isEqualTo(markedOffset);
            assertThat(dead.get(0).getStreamId()).isEqualTo("crash");

            // 4. Every other frame exactly once in the committed FAST blocks, kept or gated.
            List<Long> expected =
                    LongStream.range(0, FRAMES).filter(s -> s != MARKED_SEQ).boxed().toList();
            List<TokenBlock> blocks =
                    TopicReader.readUntil(
                            broker.clientProperties(),
                            Topics.TOKENS,
                            TOPICS.tokens().valueSerde().deserializer(),
                            l -> TokenChecks.fastSeqs(l, "crash").size() >= expected.size(),
                            Duration.ofMinutes(2));
            assertThat(TokenChecks.fastSeqs(blocks, "crash")).containsExactlyElementsOf(expected);
            assertThat(compressor.tail()).contains("was in flight");
        } finally {
            if (compressor != null) {
                compressor.close();
            }
        }
    }

    /** The exit code, or empty once the app has logged the quarantine's dead letter. */
    private static OptionalInt awaitExitOrQuarantine(AppProcess app, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalInt exit = app.awaitExit(Duration.ofMillis(500));
            if (exit.isPresent() || app.logContains("stage=quarantine")) {
                return exit;
            }
        }
        throw new AssertionError(
                "neither an exit nor a quarantine in " + timeout + ":\n" + app.tail());
    }

    /** Publishes the stream; the offset of the marked frame. */
    private static long publish(KafkaBroker broker) throws Exception {
        long marked = -1;
        try (var producer =
                new KafkaProducer<>(
                        broker.clientProperties(),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (long seq = 0; seq < FRAMES; seq++) {
                byte[] data =
                        seq == MARKED_SEQ
                                ? (MARKER + " and whatever follows")
                                        .getBytes(StandardCharsets.UTF_8)
                                : jpeg(seq);
                Frame frame =
                        new Frame(
                                "crash",
                                seq,
                                seq * 100,
                                Instant.now(),
                                160,
                                120,
                                ImageEncoding.JPEG,
                                ByteBuffer.wrap(data),
                                Map.of());
                RecordMetadata at =
                        producer.send(
                                        new ProducerRecord<>(
                                                Topics.FRAMES,
                                                "crash",
                                                TOPICS.frames()
                                                        .valueSerde()
                                                        .serializer()
                                                        .serialize(Topics.FRAMES, frame)))
                                .get();
                if (seq == MARKED_SEQ) {
                    marked = at.offset();
                }
            }
        }
        return marked;
    }

    private static byte[] jpeg(long seq) throws Exception {
        BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.getHSBColor(seq / (float) FRAMES, 0.8f, 0.9f));
        g.fillRect(0, 0, 160, 120);
        g.setColor(Color.DARK_GRAY);
        g.fillRect((int) (seq * 3), 40, 20, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
