package dev.skim.schemas;

import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes the Kafka serdes for Skim's Avro records. Every Skim application gets its serdes from one
 * factory so that producers and consumers agree on the wire format.
 *
 * <p>Two formats exist:
 *
 * <ul>
 *   <li>{@code single-object} (the default): Avro single-object encoding, a 10-byte header (C3 01
 *       and the writer schema's 64-bit fingerprint) before the binary record. Self-describing
 *       without a registry; a reader resolves older writer schemas it knows (see {@link
 *       SingleObjectSerdeFactory#withWriterSchemas}).
 *   <li>{@code registry}: reserved for a schema-registry serde (Confluent wire format, e.g.
 *       Apicurio's ccompat API). Asking for it fails at start-up with an explanation until it is
 *       built.
 * </ul>
 */
public interface SerdeFactory {

    /** Configuration key that selects the wire format. */
    String FORMAT_CONFIG = "skim.serde.format";

    /** Returns a serde for values of the given generated Avro class. */
    <T extends SpecificRecordBase> Serde<T> serde(Class<T> type);

    /** The default factory: single-object encoding. */
    static SerdeFactory singleObject() {
        return new SingleObjectSerdeFactory();
    }

    /**
     * Chooses a factory from configuration ({@value #FORMAT_CONFIG} = {@code single-object} or
     * {@code registry}); an absent key means single-object.
     *
     * @throws IllegalArgumentException for an unknown format, naming the accepted ones
     */
    static SerdeFactory fromConfig(Map<String, ?> config) {
        Object format = config.get(FORMAT_CONFIG);
        String name = format == null ? "single-object" : format.toString().trim();
        return switch (name) {
            case "single-object", "" -> singleObject();
            case "registry" ->
                    throw new IllegalArgumentException(
                            FORMAT_CONFIG
                                    + "=registry is not available in this build: no schema-registry"
                                    + " serde is bundled yet. Use single-object (the default).");
            default ->
                    throw new IllegalArgumentException(
                            "Unknown "
                                    + FORMAT_CONFIG
                                    + " '"
                                    + name
                                    + "'; expected single-object or registry");
        };
    }
}
