package dev.skim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.TokenBlock;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.schemas.SerdeFactory;
import dev.skim.schemas.StubSchemaRegistry;
import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import dev.skim.testkit.KafkaBrokerExtension;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema-registry wire format through all three apps: ingest publishes frames in the Confluent
 * format against a stub registry, the packaged compressor and bridge run with {@code
 * skim.serde.format=registry}, and every record on the topics starts with the magic byte and an id
 * the registry handed out.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RegistryWireFormatIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int FRAMES = 30;

    @Test
    void shouldCarryFramesToTheBridgeInTheRegistryWireFormat(KafkaBroker broker) throws Exception {
        try (StubSchemaRegistry registry = new StubSchemaRegistry()) {
            Map<String, String> serde =
                    Map.of(
                            SerdeFactory.FORMAT_CONFIG,
                            "registry",
                            "skim.serde.registry.url",
                            registry.url());
            Map<String, String> compressorProps = new HashMap<>(serde);
            compressorProps.put("skim.compressor.window.idle-flush", "1s");
            Map<String, String> bridgeProps = new HashMap<>(serde);
            bridgeProps.put("quarkus.kafka-streams.application-id", "skim-bridge-registry");
            try (AppProcess compressor =
                            AppProcess.start(
                                    "compressor", broker.bootstrapServers(), compressorProps);
                    AppProcess bridge =
                            AppProcess.start(
                                    "llm-bridge", broker.bootstrapServers(), bridgeProps)) {
                try (FramePublisher publisher =
                                FramePublisher.builder()
                                        .bootstrapServers(broker.bootstrapServers())
                                        .serdes(SerdeFactory.fromConfig(serde))
                                        .build();
                        SyntheticVideoSource source =
                                SyntheticVideoSource.of(
                                        new SyntheticSpec(320, 180, 10, FRAMES, 5, 2, 2))) {
                    publisher.publish("reg", source, PublishOptions.defaults());
                }

                BridgeStreams.awaitFrames(bridge, "reg", FRAMES, TIMEOUT);

                // the records themselves: magic byte 0, then a 4-byte id from the registry
                for (String topic : List.of(Topics.FRAMES, Topics.TOKENS, Topics.KEYFRAMES)) {
                    List<byte[]> values =
                            TopicReader.readUntil(
                                    broker.clientProperties(),
                                    topic,
                                    new ByteArrayDeserializer(),
                                    l -> !l.isEmpty(),
                                    TIMEOUT);
                    assertThat(values).as(topic).isNotEmpty();
                    ByteBuffer header = ByteBuffer.wrap(values.get(0));
                    assertThat(header.get()).as(topic + " magic byte").isZero();
                    assertThat(header.getInt()).as(topic + " schema id").isGreaterThan(2);
                }
                // and they decode with the registry's schemas
                List<TokenBlock> blocks =
                        TopicReader.readUntil(
                                broker.clientProperties(),
                                Topics.TOKENS,
                                Topics.create(SerdeFactory.fromConfig(serde))
                                        .tokens()
                                        .valueSerde()
                                        .deserializer(),
                                l -> !l.isEmpty(),
                                TIMEOUT);
                assertThat(blocks.get(0).getStreamId()).isEqualTo("reg");
                assertThat(registry.subjects())
                        .contains("skim.frames-value", "skim.tokens-value", "skim.keyframes-value");
                assertThat(registry.problems()).isEmpty();
            }
        }
    }
}
