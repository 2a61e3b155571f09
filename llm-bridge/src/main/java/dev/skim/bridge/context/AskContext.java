package dev.skim.bridge.context;

import dev.skim.avro.TokenBlock;
import dev.skim.bridge.search.Query;
import java.util.List;
import java.util.Map;

/**
 * The context chosen for one question: moments in time order within the token budget, plus where
 * each detail moment's tokens are.
 *
 * @param streamId the stream
 * @param question the question
 * @param fromMillis start of the time range asked about
 * @param toMillis end of the time range asked about
 * @param tokenBudget the budget
 * @param contextTokens the estimated prompt tokens of the context
 * @param moments chosen moments in time order
 * @param details slow block and frame index of each detail moment, by seq
 * @param candidates frames in range that could have been used (coverage, detail)
 * @param relevance how detail was ranked, in words
 * @param query the question as the search vocabulary understands it
 * @param extractive an answer made from the tags of the slow frames in range, without a model
 */
public record AskContext(
        String streamId,
        String question,
        long fromMillis,
        long toMillis,
        int tokenBudget,
        int contextTokens,
        List<Moment> moments,
        Map<Long, Detail> details,
        int[] candidates,
        String relevance,
        Query query,
        Extractive extractive) {

    /**
     * Where a detail moment's tokens live.
     *
     * @param block the SLOW block
     * @param frameIndex the frame's index in the block
     * @param tokens the frame's token count in the block
     */
    public record Detail(TokenBlock block, int frameIndex, int tokens) {}
}
