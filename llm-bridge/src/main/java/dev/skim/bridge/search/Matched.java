package dev.skim.bridge.search;

/**
 * A tag the query matched.
 *
 * @param kind {@code OBJECT} (a COCO class) or {@code TEXT} (text read in a frame)
 * @param label the class name, or the text as read
 * @param similarity how well the query matched it: 1 for the same word, else the cosine of the
 *     sentence encoder (or 0.9 for a word one typo away)
 */
public record Matched(String kind, String label, float similarity) {}
