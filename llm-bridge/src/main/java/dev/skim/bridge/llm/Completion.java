package dev.skim.bridge.llm;

/**
 * An LLM's answer.
 *
 * @param text the answer text
 * @param model the model that answered, as the server names it
 * @param promptTokens prompt tokens the server counted, or null when it did not say
 * @param completionTokens answer tokens the server counted, or null when it did not say
 */
public record Completion(
        String text, String model, Integer promptTokens, Integer completionTokens) {}
