package dev.skim.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary body) backed by
 * a schema registry's Confluent-compatible REST API (Confluent Schema Registry, or Apicurio
 * Registry at {@code /apis/ccompat/v7}). Serializers register the writer schema under subject
 * {@code {topic}-value}; deserializers fetch the writer schema by id and resolve it against the
 * reader's schema, so records written by older or newer Skim releases decode by Avro's rules.
 */
public final class RegistrySerdeFactory implements SerdeFactory {

    /** Configuration key of the registry base URL (required for {@code registry}). */
    public static final String URL_CONFIG = "skim.serde.registry.url";

    /** Optional configuration key: {@code user:password} for HTTP basic authentication. */
    public static final String BASIC_AUTH_CONFIG = "skim.serde.registry.basic-auth";

    private static final byte MAGIC = 0;
    private static final int HEADER_LENGTH = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RegistryClient client;

    /**
     * @param url the registry base URL; credentials in it ({@code user:password@}) are used for
     *     basic authentication when {@code basicAuth} is empty and never appear in messages
     * @param basicAuth {@code user:password}, if the registry needs it
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
     */
    public RegistrySerdeFactory(String url, Optional<String> basicAuth) {
        URI uri = parse(url);
        String base = withoutCredentials(uri);
        Optional<String> auth = basicAuth.or(() -> Optional.ofNullable(uri.getUserInfo()));
        this.client = new RegistryClient(base, auth, TIMEOUT);
    }

    /**
     * A factory from configuration: {@value #URL_CONFIG} (required) and {@value #BASIC_AUTH_CONFIG}
     * (optional).
     *
     * @throws IllegalArgumentException if the URL is missing or invalid
     */
    public static RegistrySerdeFactory fromConfig(Map<String, ?> config) {
        Object url = config.get(URL_CONFIG);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException(
                    SerdeFactory.FORMAT_CONFIG + "=registry needs " + URL_CONFIG);
        }
        Object auth = config.get(BASIC_AUTH_CONFIG);
        return new RegistrySerdeFactory(
                url.toString().trim(),
                auth == null || auth.toString().isBlank()
                        ? Optional.empty()
                        : Optional.of(auth.toString()));
    }

    /** The registry URL used, without credentials. */
    public String url() {
        return client.baseUrl();
    }

    @Override
    public <T extends SpecificRecordBase> Serde<T> serde(Class<T> type) {
        // Bound to the record class's loader, as in SingleObjectSerdeFactory.
        SpecificData model = new SpecificData(type.getClassLoader());
        Schema schema = model.getSchema(type);
        return Serdes.serdeFrom(
                new RegistrySerializer<>(client, model, schema),
                new RegistryDeserializer<>(client, model, schema));
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL_CONFIG + " is not a valid URL", e);
        }
        if (uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(
                    URL_CONFIG + " must be an absolute http or https URL");
        }
        return uri;
    }

    private static String withoutCredentials(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return (uri.getScheme() + "://" + uri.getHost() + port + path).replaceAll("/+$", "");
    }

    private record RegistrySerializer<T>(RegistryClient client, SpecificData model, Schema schema)
            implements Serializer<T> {
        @Override
        public byte[] serialize(String topic, T data) {
            if (data == null) {
                return null;
            }
            int id = client.idFor(topic, schema);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(MAGIC);
            out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
            try {
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                new SpecificDatumWriter<T>(schema, model).write(data, encoder);
                encoder.flush();
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "Cannot encode " + schema.getName() + " for topic " + topic + ": " + e, e);
            }
            return out.toByteArray();
        }
    }

    private static final class RegistryDeserializer<T> implements Deserializer<T> {
        private final RegistryClient client;
        private final SpecificData model;
        private final Schema schema;
        private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

        RegistryDeserializer(RegistryClient client, SpecificData model, Schema schema) {
            this.client = client;
            this.model = model;
            this.schema = schema;
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            String what = "Cannot decode " + schema.getName() + " from topic " + topic;
            if (data.length < HEADER_LENGTH || data[0] != MAGIC) {
                throw new SerializationException(
                        what
                                + ": not in the Confluent wire format (expected magic byte 0 and a"
                                + " 4-byte schema id, got "
                                + data.length
                                + " bytes"
                                + (data.length > 0 ? " with magic byte " + data[0] : "")
                                + ")");
            }
            int id = ByteBuffer.wrap(data, 1, 4).getInt();
            SpecificDatumReader<T> reader =
                    readers.computeIfAbsent(
                            id,
                            i ->
                                    new SpecificDatumReader<>(
                                            client.schemaFor(topic, i), schema, model));
            try {
                BinaryDecoder decoder =
                        DecoderFactory.get()
                                .binaryDecoder(
                                        data, HEADER_LENGTH, data.length - HEADER_LENGTH, null);
                return reader.read(null, decoder);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        what
                                + ": the body after schema id "
                                + id
                                + " is corrupt, truncated or does not match the writer schema ("
                                + data.length
                                + " bytes; "
                                + e
                                + ")",
                        e);
            }
        }
    }
}
