package dev.skim.schemas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
 *   <li>{@code registry}: the Confluent wire format (magic byte 0, 4-byte schema id, binary record)
 *       with schemas kept in a schema registry's Confluent-compatible REST API (Confluent Schema
 *       Registry, Apicurio's {@code /apis/ccompat/v7}); needs {@value
 *       RegistrySerdeFactory#URL_CONFIG} and optionally {@value
 *       RegistrySerdeFactory#BASIC_AUTH_CONFIG} ({@code user:password}). See {@link
 *       RegistrySerdeFactory}.
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
     * {@code registry}); an absent key means single-object. {@code registry} reads its URL and
     * credentials from the same map (see {@link RegistrySerdeFactory#fromConfig}).
     *
     * @throws IllegalArgumentException for an unknown format, naming the accepted ones, or a
     *     registry format without a valid {@value RegistrySerdeFactory#URL_CONFIG}
     */
    static SerdeFactory fromConfig(Map<String, ?> config) {
        return fromConfig(key -> Optional.ofNullable(config.get(key)).map(Object::toString));
    }

    /**
     * As {@link #fromConfig(Map)}, reading the keys ({@value #FORMAT_CONFIG}, {@value
     * RegistrySerdeFactory#URL_CONFIG}, {@value RegistrySerdeFactory#BASIC_AUTH_CONFIG}) through a
     * lookup: an application's configuration, say.
     */
    static SerdeFactory fromConfig(Function<String, Optional<String>> property) {
        Map<String, String> config = new HashMap<>();
        for (String key :
                List.of(
                        FORMAT_CONFIG,
                        RegistrySerdeFactory.URL_CONFIG,
                        RegistrySerdeFactory.BASIC_AUTH_CONFIG)) {
            property.apply(key).ifPresent(v -> config.put(key, v));
        }
        return fromMap(config);
    }

    private static SerdeFactory fromMap(Map<String, ?> config) {
        Object format = config.get(FORMAT_CONFIG);
        String name = format == null ? "single-object" : format.toString().trim();
        return switch (name) {
            case "single-object", "" -> singleObject();
            case "registry" -> RegistrySerdeFactory.fromConfig(config);
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
