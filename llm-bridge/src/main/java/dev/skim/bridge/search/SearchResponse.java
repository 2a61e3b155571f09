package dev.skim.bridge.search;

import java.util.List;

/**
 * What a search found, best first.
 *
 * @param query the query as given
 * @param matched the tags the query matched (COCO classes, and texts read in frames), best first
 * @param note why nothing matched ("no tag matches 'forklift' (...)"), or null
 * @param moments the moments, best first (then in time order)
 */
public record SearchResponse(
        String query, List<Matched> matched, String note, List<SearchMoment> moments) {}
