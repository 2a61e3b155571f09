package dev.skim.bridge.search;

import dev.skim.bridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Picks the sentence encoder named by {@code skim.bridge.search.encoder}. */
@ApplicationScoped
public class SentenceEncoders {

    /** The shipped encoder, all-MiniLM-L6-v2 (quantised), with a cache of {@code cacheSize}. */
    public static SentenceEncoder miniLm(int cacheSize) {
        return new MiniLmEncoder(cacheSize);
    }

    /** No encoder: words are matched as they are written. */
    public static SentenceEncoder none() {
        return new SentenceEncoder() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public Optional<float[]> embed(String text) {
                return Optional.empty();
            }
        };
    }

    @Produces
    @Singleton
    SentenceEncoder sentenceEncoder(BridgeConfig config) {
        String name = config.search().encoder();
        return switch (name) {
            case "minilm" -> miniLm(config.search().cacheSize());
            case "none" -> none();
            default ->
                    throw new IllegalArgumentException(
                            "skim.bridge.search.encoder='"
                                    + name
                                    + "' is unknown; use minilm (default) or none");
        };
    }
}
