package dev.skim.bridge.api;

import dev.skim.bridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The configured API keys ({@code skim.bridge.auth.*}) and what each may read. Keys are compared by
 * SHA-256 digest in constant time, and never logged.
 */
@ApplicationScoped
public class ApiKeys {
    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    /** Request header carrying the key (or {@code Authorization: Bearer <key>}). */
    public static final String HEADER = "X-API-Key";

    private final boolean enabled;
    private final List<Key> keys = new ArrayList<>();

    ApiKeys(BridgeConfig config) {
        this.enabled = config.auth().enabled();
        for (Map.Entry<String, BridgeConfig.Auth.ApiKey> e : config.auth().keys().entrySet()) {
            keys.add(
                    new Key(
                            e.getKey(),
                            sha256(e.getValue().secret()),
                            e.getValue().streams().stream().map(ApiKeys::glob).toList()));
        }
        if (enabled && keys.isEmpty()) {
            throw new IllegalArgumentException(
                    "skim.bridge.auth.enabled=true but no key is configured"
                            + " (skim.bridge.auth.keys.<name>.secret)");
        }
        LOG.infof(
                "API-key authentication is %s (%d keys: %s)",
                enabled ? "on" : "off", keys.size(), keys.stream().map(Key::name).toList());
    }

    /** Whether requests need a key. */
    public boolean enabled() {
        return enabled;
    }

    /** The key a request presents, if it is a configured one. */
    public Optional<Key> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        Key found = null;
        for (Key k : keys) {
            // check every key so timing does not tell which one matched
            if (MessageDigest.isEqual(k.digest, digest)) {
                found = k;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The key presented in {@code X-API-Key} or {@code Authorization: Bearer}, or null. */
    public static String presented(HttpHeaders headers) {
        return presented(headers::getHeaderString);
    }

    /** The key presented, read through a header lookup, or null. */
    static String presented(java.util.function.Function<String, String> header) {
        String key = header.apply(HEADER);
        if (key != null) {
            return key.trim();
        }
        String auth = header.apply(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return null;
    }

    /** Which streams a request may read: all when auth is off, else its key's. */
    public Predicate<String> readable(HttpHeaders headers) {
        if (!enabled) {
            return id -> true;
        }
        return authenticate(presented(headers))
                .<Predicate<String>>map(k -> k::mayRead)
                .orElse(id -> false);
    }

    /**
     * One key.
     *
     * @param name its configured name (safe to log)
     * @param digest SHA-256 of its secret
     * @param streams patterns of the streams it may read
     */
    public record Key(String name, byte[] digest, List<Pattern> streams) {
        /** Whether this key may read the stream. */
        public boolean mayRead(String streamId) {
            return streams.stream().anyMatch(p -> p.matcher(streamId).matches());
        }
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
