package dev.skim.compressor.wire;

import dev.skim.schemas.SerdeFactory;
import dev.skim.schemas.Topics;
import org.eclipse.microprofile.config.ConfigProvider;

/** The compressor's topics with the app's wire format, from its configuration. */
public final class WireFormat {

    private WireFormat() {}

    /**
     * The topics with the app's wire format ({@code skim.serde.format}: single-object, the default,
     * or registry with {@code skim.serde.registry.url}), read from MicroProfile Config so that the
     * dead-letter handlers, which Kafka Streams creates outside CDI, get the same as the topology.
     */
    public static Topics topics() {
        return Topics.create(
                SerdeFactory.fromConfig(
                        key -> ConfigProvider.getConfig().getOptionalValue(key, String.class)));
    }
}
