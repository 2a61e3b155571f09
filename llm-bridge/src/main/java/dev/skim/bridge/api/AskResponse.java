package dev.skim.bridge.api;

import dev.skim.bridge.context.Moment;
import java.util.List;

/**
 * The answer to a question, with the moments it rests on.
 *
 * @param streamId the stream
 * @param question the question
 * @param answer the model's answer, or null when no model answered
 * @param reason why there is no answer, or null when there is one
 * @param backend the configured backend ({@code none}, {@code openai}, ...)
 * @param model the model that answered, or null
 * @param fromMillis start of the time range used
 * @param toMillis end of the time range used
 * @param citations the evidence moments the answer cites by timestamp, in time order
 * @param evidence every moment given to the model, in time order
 * @param summary a deterministic timeline summary (not model-generated)
 * @param extractive without an LLM: an answer made from the tags of the slow frames in range, with
 *     its citations, labelled not model-generated; null when a model answered
 * @param relevance how slow detail was ranked
 * @param usage token accounting
 */
public record AskResponse(
        String streamId,
        String question,
        String answer,
        String reason,
        String backend,
        String model,
        long fromMillis,
        long toMillis,
        List<Moment> citations,
        List<Moment> evidence,
        Summary summary,
        ExtractiveAnswer extractive,
        String relevance,
        Usage usage) {

    /**
     * A summary made without a model.
     *
     * @param text the summary
     * @param modelGenerated always false
     * @param label says how it was made
     */
    public record Summary(String text, boolean modelGenerated, String label) {}

    /**
     * An answer made without a model (DESIGN.md section 7 keeps {@code answer} for a model's
     * answer: null without one).
     *
     * @param text the answer, every time in it a {@code [t=HH:MM:SS.mmm]} citation label
     * @param modelGenerated always false
     * @param label says how it was made
     * @param citations the moments the text cites, in time order
     */
    public record ExtractiveAnswer(
            String text, boolean modelGenerated, String label, List<Moment> citations) {}

    /**
     * Token accounting.
     *
     * @param tokenBudget the budget the context had
     * @param contextTokens estimated prompt tokens of the context
     * @param moments moments in the context
     * @param images keyframe images sent
     * @param embeddingTokens visual tokens sent as embeddings
     * @param promptTokens prompt tokens the server counted, or null
     * @param completionTokens answer tokens the server counted, or null
     */
    public record Usage(
            int tokenBudget,
            int contextTokens,
            int moments,
            int images,
            int embeddingTokens,
            Integer promptTokens,
            Integer completionTokens) {}
}
