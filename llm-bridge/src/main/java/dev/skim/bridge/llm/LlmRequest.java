package dev.skim.bridge.llm;

import java.util.List;

/**
 * What the bridge asks an LLM, independent of any server's wire format: a system instruction and
 * the user turn as an ordered list of parts (timeline text, keyframe images, token embeddings).
 *
 * @param system the system instruction
 * @param parts the user turn, in time order, ending with the question
 * @param maxAnswerTokens most tokens of the answer
 */
public record LlmRequest(String system, List<Part> parts, int maxAnswerTokens) {

    public LlmRequest {
        parts = List.copyOf(parts);
    }

    /** One part of the user turn. */
    public sealed interface Part permits Text, Image, Embedding {}

    /** Plain text. */
    public record Text(String text) implements Part {}

    /**
     * A keyframe JPEG.
     *
     * @param seq the frame's seq
     * @param ptsMillis the frame's presentation time
     * @param jpeg JPEG bytes
     */
    public record Image(long seq, long ptsMillis, byte[] jpeg) implements Part {}

    /**
     * The stored visual tokens of one frame, as a rows x dim matrix (row-major float32).
     *
     * @param seq the frame's seq
     * @param ptsMillis the frame's presentation time
     * @param rows number of tokens
     * @param dim values per token
     * @param values rows * dim values, row-major
     */
    public record Embedding(long seq, long ptsMillis, int rows, int dim, float[] values)
            implements Part {
        public Embedding {
            if ((long) rows * dim != values.length) {
                throw new IllegalArgumentException(
                        rows
                                + " x "
                                + dim
                                + " needs "
                                + (long) rows * dim
                                + " values, got "
                                + values.length);
            }
        }
    }

    /** The parts of one kind. */
    public <T extends Part> List<T> partsOf(Class<T> kind) {
        return parts.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
