package dev.skim.bridge.context;

import java.util.Optional;

/**
 * Turns a question into a vector in the same space as a vision encoder's tokens, so that stored
 * slow tokens can be ranked by relevance (query recovery). Only an encoder trained jointly with the
 * vision encoder (CLIP/SigLIP text towers for their image towers) gives meaningful similarities.
 */
public interface QueryEncoder {

    /** A short name for logs and responses. */
    String name();

    /**
     * The question's vector for tokens of {@code visionEncoderId}, or empty when this encoder is
     * not aligned with that vision encoder.
     */
    Optional<float[]> encode(String question, String visionEncoderId);

    /** Why no vector was produced, for the response. */
    String unavailableReason(String visionEncoderId);
}
