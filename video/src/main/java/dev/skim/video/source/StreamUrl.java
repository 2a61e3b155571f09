package dev.skim.video.source;

import dev.skim.video.FrameSourceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A network stream URL checked against the allowed schemes, with credentials kept apart from
 * everything that is shown: {@link #toString()} and {@link #masked()} never contain them.
 */
public final class StreamUrl {

    private final URI uri;
    private final String scheme;

    private StreamUrl(URI uri, String scheme) {
        this.uri = uri;
        this.scheme = scheme;
    }

    /**
     * Parses {@code url}, checks its scheme, and adds credentials when the URL has none.
     *
     * @param credentials {@code user:password} (e.g. from an environment variable), or null
     * @throws FrameSourceException NOT_ALLOWED for a scheme the options do not allow,
     *     INVALID_CONFIG for a malformed URL
     */
    public static StreamUrl parse(String url, String credentials, NetworkOptions options) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.INVALID_CONFIG,
                    "Malformed URL "
                            + UrlMasking.mask(url)
                            + ": "
                            + UrlMasking.mask(e.getReason()));
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.INVALID_CONFIG,
                    "Not a network URL (scheme://host/...): " + UrlMasking.mask(url));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!options.allowedSchemes().contains(scheme)) {
            throw new FrameSourceException(
                    FrameSourceException.Reason.NOT_ALLOWED,
                    "Network scheme '"
                            + scheme
                            + "' is not allowed for "
                            + UrlMasking.mask(url)
                            + "; allowed: "
                            + (options.allowedSchemes().isEmpty()
                                    ? "none"
                                    : NetworkOptions.sorted(options.allowedSchemes()))
                            + " (allow it explicitly, e.g. --allow-scheme "
                            + scheme
                            + ")");
        }
        if (credentials != null && !credentials.isEmpty() && uri.getRawUserInfo() == null) {
            try {
                uri =
                        new URI(
                                uri.getScheme(),
                                credentials,
                                uri.getHost(),
                                uri.getPort(),
                                uri.getPath(),
                                uri.getQuery(),
                                uri.getFragment());
            } catch (URISyntaxException e) {
                throw new FrameSourceException(
                        FrameSourceException.Reason.INVALID_CONFIG,
                        "Cannot add credentials to " + UrlMasking.mask(url));
            }
        }
        return new StreamUrl(uri, scheme);
    }

    public String scheme() {
        return scheme;
    }

    /** The URL with credentials, for FFmpeg only. */
    String secret() {
        return uri.toASCIIString();
    }

    /** The URL with credentials masked, for logs and messages. */
    public String masked() {
        return UrlMasking.mask(uri.toString());
    }

    @Override
    public String toString() {
        return masked();
    }
}
