package dev.skim.bridge.llm;

import java.util.Optional;

/**
 * Precomputed embeddings are only meaningful to the model whose own vision tower and projector
 * produced them: a language model reads them as if they were its own image features. This check
 * refuses tokens from any other encoder, or of another width than the model's hidden size.
 */
record EmbeddingsCheck(String backend, String servedEncoderId, int hiddenSize) {

    Optional<String> unusableFor(String encoderId, int dim) {
        if (!servedEncoderId.equals(encoderId)) {
            return Optional.of(
                    backend
                            + " sends the stored tokens as the served model's image features, so"
                            + " they must come from that model's own vision tower and projector"
                            + " (skim.bridge.llm.embeds.served-encoder-id="
                            + servedEncoderId
                            + "), but this stream was encoded by '"
                            + encoderId
                            + "'. Use the openai or ollama backend (keyframe images) instead,"
                            + " or re-encode with the served model's vision tower.");
        }
        if (dim != hiddenSize) {
            return Optional.of(
                    backend
                            + " needs token vectors of the served model's hidden size "
                            + hiddenSize
                            + " (skim.bridge.llm.embeds.hidden-size), but this stream's tokens"
                            + " have dimension "
                            + dim
                            + " (the encoder's output is not projected into the model's space).");
        }
        return Optional.empty();
    }
}
