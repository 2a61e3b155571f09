package dev.skim.bridge.api;

import dev.skim.bridge.config.BridgeConfig;

/** Checks of search and similar parameters: each bad value is a 400 that names it. */
final class SearchParams {
    private SearchParams() {}

    static String query(String q, BridgeConfig config) {
        if (q == null || q.isBlank()) {
            throw ProblemKind.BAD_REQUEST.exception("q is required: the words to search for");
        }
        int max = config.search().maxQueryChars();
        if (q.length() > max) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "q has "
                            + q.length()
                            + " characters; the limit is "
                            + max
                            + " (skim.bridge.search.max-query-chars)");
        }
        return q.strip();
    }

    static int limit(String text, BridgeConfig config) {
        int max = config.search().maxLimit();
        if (text == null || text.isBlank()) {
            return Math.min(config.search().defaultLimit(), max);
        }
        int v = (int) number("limit", text);
        if (v < 1 || v > max) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "limit must be between 1 and " + max + ", got " + text);
        }
        return v;
    }

    static int limit(Integer value, BridgeConfig config) {
        return limit(value == null ? null : value.toString(), config);
    }

    /** [from, to] in milliseconds; the whole stream by default. */
    static long[] range(String from, String to) {
        long f = from == null || from.isBlank() ? 0 : number("from", from);
        long t = to == null || to.isBlank() ? Long.MAX_VALUE : number("to", to);
        if (f < 0 || t < f) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "from and to must satisfy 0 <= from <= to (milliseconds), got from="
                            + from
                            + " to="
                            + to);
        }
        return new long[] {f, t};
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemKind.BAD_REQUEST.exception(
                    name + " must be a whole number, got '" + text + "'");
        }
    }
}
