package dev.skim.bridge.context;

import java.util.Optional;

/**
 * No text encoder aligned with the vision encoder (the default, and the only option offline: the
 * MiniLM/BGE text encoders on Maven Central share no space with MobileNetV2 or classical patch
 * descriptors). Slow detail is then ranked by novelty instead of relevance.
 */
final class NoQueryEncoder implements QueryEncoder {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Optional<float[]> encode(String question, String visionEncoderId) {
        return Optional.empty();
    }

    @Override
    public String unavailableReason(String visionEncoderId) {
        return "no text encoder aligned with the vision encoder '"
                + visionEncoderId
                + "' is configured (skim.bridge.query.text-encoder=none), so slow detail is ranked"
                + " by novelty, not by relevance to the question";
    }
}
