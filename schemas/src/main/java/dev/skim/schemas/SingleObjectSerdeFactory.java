package dev.skim.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding ({@code C3 01}, 8-byte CRC-64-AVRO fingerprint of the writer schema,
 * then the binary record). Readers decode records written with their own schema and with any writer
 * schema registered through {@link #withWriterSchemas}, resolving fields by Avro's rules (a field
 * the reader does not know is skipped; a field the writer did not have takes its default).
 */
public final class SingleObjectSerdeFactory implements SerdeFactory {

    private static final byte[] HEADER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;

    private final List<Schema> writerSchemas;

    public SingleObjectSerdeFactory() {
        this(List.of());
    }

    private SingleObjectSerdeFactory(List<Schema> writerSchemas) {
        this.writerSchemas = List.copyOf(writerSchemas);
    }

    /**
     * Returns a factory whose readers also accept records written with these schemas (older or
     * newer versions of a Skim record), for example schemas kept from previous releases.
     */
    public SingleObjectSerdeFactory withWriterSchemas(Schema... schemas) {
        List<Schema> all = new ArrayList<>(writerSchemas);
        all.addAll(List.of(schemas));
        return new SingleObjectSerdeFactory(all);
    }

    @Override
    public <T extends SpecificRecordBase> Serde<T> serde(Class<T> type) {
        // A model bound to the record class's own class loader: in containers with several
        // loaders (Quarkus tests, application servers) the default model may resolve the
        // generated class through another loader and fail with a ClassCastException.
        SpecificData model = new SpecificData(type.getClassLoader());
        Schema schema = model.getSchema(type);
        SchemaStore.Cache store = new SchemaStore.Cache();
        writerSchemas.forEach(store::addSchema);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, schema, store);
        return Serdes.serdeFrom(
                new EncodingSerializer<>(encoder, type),
                new DecodingDeserializer<>(decoder, schema));
    }

    private record EncodingSerializer<T>(BinaryMessageEncoder<T> encoder, Class<T> type)
            implements Serializer<T> {
        @Override
        public byte[] serialize(String topic, T data) {
            if (data == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(data);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (Exception e) {
                throw new SerializationException(
                        "Cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e,
                        e);
            }
        }
    }

    private record DecodingDeserializer<T>(BinaryMessageDecoder<T> decoder, Schema schema)
            implements Deserializer<T> {
        @Override
        public T deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            String what = schema.getName() + " from topic " + topic;
            if (data.length < HEADER_LENGTH || data[0] != HEADER[0] || data[1] != HEADER[1]) {
                throw new SerializationException(
                        "Cannot decode "
                                + what
                                + ": not Avro single-object encoded (expected header c301 and an"
                                + " 8-byte schema fingerprint, got "
                                + data.length
                                + " bytes starting "
                                + hexPrefix(data)
                                + ")");
            }
            try {
                return decoder.decode(data);
            } catch (MissingSchemaException e) {
                throw new SerializationException(
                        "Cannot decode "
                                + what
                                + ": unknown writer schema fingerprint "
                                + hexPrefix(java.util.Arrays.copyOfRange(data, 2, HEADER_LENGTH))
                                + " (this reader knows "
                                + schema.getFullName()
                                + " fingerprint "
                                + Long.toHexString(SchemaNormalization.parsingFingerprint64(schema))
                                + "); was it written by a newer Skim?",
                        e);
            } catch (BadHeaderException e) {
                throw new SerializationException(
                        "Cannot decode " + what + ": " + e.getMessage(), e);
            } catch (java.io.IOException | RuntimeException e) {
                throw new SerializationException(
                        "Cannot decode "
                                + what
                                + ": the body after the header is corrupt or truncated ("
                                + data.length
                                + " bytes; "
                                + e
                                + ")",
                        e);
            }
        }
    }

    private static String hexPrefix(byte[] data) {
        int n = Math.min(data.length, 8);
        return HexFormat.of().formatHex(data, 0, n) + (data.length > n ? "..." : "");
    }
}
