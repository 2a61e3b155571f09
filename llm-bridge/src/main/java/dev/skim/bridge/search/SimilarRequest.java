package dev.skim.bridge.search;

/**
 * Search by example with a held moment.
 *
 * @param seq the frame whose tokens are the query (its SLOW tokens, else FAST, else FRAME)
 * @param limit most moments returned (default {@code skim.bridge.search.default-limit})
 */
public record SimilarRequest(Long seq, Integer limit) {}
