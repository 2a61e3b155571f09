package dev.skim.video.source;

import java.util.regex.Pattern;

/** Masks credentials (the userinfo part of URLs) in any text before it is logged or shown. */
public final class UrlMasking {

    // scheme://userinfo@ : userinfo is everything up to the last '@' before the host part.
    private static final Pattern USERINFO =
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s@]*@");
    private static final Pattern SECRET_QUERY =
            Pattern.compile(
                    "([?&](?:password|passwd|pwd|token|access_token|key|secret|auth)=)[^&\\s]*",
                    Pattern.CASE_INSENSITIVE);

    private UrlMasking() {}

    /** The text with every {@code user:password@} in a URL replaced by {@code ***@}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USERINFO.matcher(text).replaceAll("$1***@");
        return SECRET_QUERY.matcher(masked).replaceAll("$1***");
    }
}
