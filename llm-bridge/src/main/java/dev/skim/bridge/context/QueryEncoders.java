package dev.skim.bridge.context;

import dev.skim.bridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Picks the query encoder named by {@code skim.bridge.query.text-encoder}. */
@ApplicationScoped
public class QueryEncoders {

    /** No text encoder: slow detail is ranked by novelty (the default). */
    public static QueryEncoder none() {
        return new NoQueryEncoder();
    }

    @Produces
    @Singleton
    QueryEncoder queryEncoder(BridgeConfig config) {
        String name = config.query().textEncoder();
        if (name.equals("none")) {
            return none();
        }
        throw new IllegalArgumentException(
                "skim.bridge.query.text-encoder='"
                        + name
                        + "' is unknown; only 'none' exists: no text encoder aligned with the"
                        + " project's vision encoders is available (see docs)");
    }
}
