package dev.skim.bridge.context;

/**
 * Why a moment is in the context.
 *
 * @param score the frame's tag match (0..1) when its tags match the question, its novelty when
 *     detail was ranked by novelty, null for coverage moments
 * @param basis in words: {@code tag person (0.84 ~ 'people')}, {@code novelty: no tag matches the
 *     question}, {@code coverage: evenly spaced in time}
 */
public record Relevance(Float score, String basis) {}
