package dev.skim.bridge.llm;

import java.util.Optional;

/**
 * One way of asking an LLM. Implementations turn an {@link LlmRequest} into one server's wire
 * format and its response into a {@link Completion}; the bridge picks one by {@code
 * skim.bridge.llm.backend} and wraps it with timeouts, retries and a circuit breaker.
 */
public interface LlmBackend {

    /** The configuration name ({@code none}, {@code openai}, ...). */
    String name();

    /** The model name sent to the server, or null when there is none. */
    String model();

    /** What the backend takes besides text. */
    Modality modality();

    /**
     * Why tokens of this encoder and dimension cannot be sent to this backend, or empty when they
     * can (precomputed embeddings are only meaningful to the model whose vision tower made them).
     */
    default Optional<String> unusableFor(String encoderId, int dim) {
        return Optional.empty();
    }

    /**
     * Sends the request and returns the answer.
     *
     * @throws LlmException when the call fails
     */
    Completion complete(LlmRequest request);
}
