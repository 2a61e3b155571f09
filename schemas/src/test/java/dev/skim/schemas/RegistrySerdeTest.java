package dev.skim.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.avro.Frame;
import dev.skim.avro.TokenBlock;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry serde against a loopback stub of the Confluent schema-registry REST API. */
class RegistrySerdeTest {

    private static final String SECRET = "s3cret-pw";

    private StubSchemaRegistry registry;
    private SerdeFactory factory;

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new StubSchemaRegistry();
        factory =
                SerdeFactory.fromConfig(
                        Map.of(
                                SerdeFactory.FORMAT_CONFIG, "registry",
                                RegistrySerdeFactory.URL_CONFIG, registry.url() + "/",
                                RegistrySerdeFactory.BASIC_AUTH_CONFIG, "skim:" + SECRET));
    }

    @AfterEach
    void stopRegistry() {
        assertThat(registry.problems()).isEmpty();
        registry.close();
    }

    @Test
    void shouldRoundTripFrameWithTheRegisteredIdInTheHeader() {
        Serde<Frame> serde = factory.serde(Frame.class);
        Frame frame = SerdeRoundTripTest.frame();

        byte[] bytes = serde.serializer().serialize(Topics.FRAMES, frame);

        int id = registry.register(Frame.getClassSchema());
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id).isGreaterThan(2);
        assertThat(registry.subjects()).containsExactly(Topics.FRAMES + "-value");
        assertThat(serde.deserializer().deserialize(Topics.FRAMES, bytes)).isEqualTo(frame);
    }

    @Test
    void shouldRoundTripTokenBlockAndCacheIdsAndSchemas() {
        Serde<TokenBlock> serde = factory.serde(TokenBlock.class);
        TokenBlock block = SerdeRoundTripTest.tokenBlock();

        byte[] first = serde.serializer().serialize(Topics.TOKENS, block);
        byte[] second = serde.serializer().serialize(Topics.TOKENS, block);

        assertThat(serde.deserializer().deserialize(Topics.TOKENS, first)).isEqualTo(block);
        assertThat(serde.deserializer().deserialize(Topics.TOKENS, second)).isEqualTo(block);
        assertThat(second).isEqualTo(first);
        // One registration and one schema fetch: both are cached.
        assertThat(registry.authorizations()).hasSize(2);
    }

    @Test
    void shouldSendBasicAuth() {
        factory.serde(Frame.class).serializer().serialize("t", SerdeRoundTripTest.frame());

        String expected =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        ("skim:" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(registry.authorizations()).containsExactly(expected);
    }

    @Test
    void oldReaderShouldResolveANewerWriterSchemaFromTheRegistry() throws Exception {
        Frame base = SerdeRoundTripTest.frame();
        GenericRecord v2 = SchemaEvolutionTest.frameV2(base);
        int id = registry.register(SchemaEvolutionTest.FRAME_V2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SchemaEvolutionTest.FRAME_V2, GenericData.get())
                .write(v2, encoder);
        encoder.flush();

        Frame read = factory.serde(Frame.class).deserializer().deserialize("t", out.toByteArray());

        assertThat(read).isEqualTo(base);
    }

    @Test
    void shouldRejectAWrongMagicByte() {
        byte[] bytes =
                factory.serde(Frame.class).serializer().serialize("t", SerdeRoundTripTest.frame());
        bytes[0] = 1;

        assertThatThrownBy(() -> factory.serde(Frame.class).deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 1")
                .hasMessageContaining("topic t")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldExplainAnUnknownSchemaId() {
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2};

        assertThatThrownBy(
                        () -> factory.serde(Frame.class).deserializer().deserialize("cams", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 12345")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("Schema not found")
                .hasMessageContaining("topic cams")
                .hasMessageContaining(registry.url())
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldExplainAnUnreachableRegistry() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        SerdeFactory unreachable =
                new RegistrySerdeFactory(
                        "http://skim:" + SECRET + "@127.0.0.1:" + closedPort, Optional.empty());

        assertThatThrownBy(
                        () ->
                                unreachable
                                        .serde(Frame.class)
                                        .serializer()
                                        .serialize("cams", SerdeRoundTripTest.frame()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unreachable")
                .hasMessageContaining(url)
                .hasMessageContaining("topic cams")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldUseCredentialsInTheUrlWithoutShowingThem() {
        RegistrySerdeFactory withUserInfo =
                new RegistrySerdeFactory(
                        registry.url().replace("://", "://skim:" + SECRET + "@"), Optional.empty());

        withUserInfo.serde(Frame.class).serializer().serialize("t", SerdeRoundTripTest.frame());

        assertThat(withUserInfo.url()).isEqualTo(registry.url());
        assertThat(registry.authorizations()).singleElement().asString().startsWith("Basic ");
    }

    @Test
    void shouldNameTheMissingUrlKey() {
        assertThatThrownBy(
                        () ->
                                SerdeFactory.fromConfig(
                                        Map.of(
                                                SerdeFactory.FORMAT_CONFIG,
                                                "registry",
                                                RegistrySerdeFactory.BASIC_AUTH_CONFIG,
                                                "skim:" + SECRET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RegistrySerdeFactory.URL_CONFIG)
                .hasMessageNotContaining(SECRET);
    }
}
