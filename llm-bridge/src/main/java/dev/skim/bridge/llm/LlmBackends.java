package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skim.bridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** Builds the configured backend ({@code skim.bridge.llm.backend}), guarded. */
@ApplicationScoped
public class LlmBackends {

    /** The backend names {@link #create} accepts. */
    public static final List<String> NAMES =
            List.of("none", "openai", "ollama", "vllm-embeds", "sglang-embeds");

    /** Why there is no answer when no backend is configured. */
    public static String noLlmReason() {
        return NoLlmBackend.REASON;
    }

    @Produces
    @Singleton
    LlmBackend backend(BridgeConfig config, ObjectMapper json) {
        return create(config.llm(), json);
    }

    /**
     * The backend named by the configuration, wrapped in a {@link GuardedBackend} unless it is
     * {@code none}.
     *
     * @throws IllegalArgumentException naming the missing or wrong setting
     */
    public static LlmBackend create(BridgeConfig.Llm llm, ObjectMapper json) {
        String name = llm.backend().trim().toLowerCase(java.util.Locale.ROOT);
        if (name.equals("none")) {
            return new NoLlmBackend();
        }
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "skim.bridge.llm.backend='"
                            + llm.backend()
                            + "' is unknown; use one of "
                            + NAMES);
        }
        String base =
                llm.baseUrl()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "skim.bridge.llm.backend="
                                                        + name
                                                        + " needs skim.bridge.llm.base-url (e.g."
                                                        + " http://127.0.0.1:8000)"));
        HttpJson http = new HttpJson(json, llm.timeout(), llm.apiKey());
        LlmBackend raw =
                switch (name) {
                    case "openai" ->
                            OpenAiChatBackend.images(http, base, llm.model(), llm.imageDetail());
                    case "ollama" -> new OllamaChatBackend(http, base, llm.model());
                    case "vllm-embeds" ->
                            OpenAiChatBackend.imageEmbeds(
                                    http, base, llm.model(), check(name, llm));
                    default ->
                            new SglangEmbedsBackend(
                                    http,
                                    base,
                                    llm.model(),
                                    check(name, llm),
                                    llm.embeds().imageToken());
                };
        return new GuardedBackend(
                raw,
                new GuardedBackend.Resilience(
                        llm.timeout(),
                        llm.maxRetries(),
                        llm.retryDelay(),
                        llm.circuitRequestVolume(),
                        llm.circuitFailureRatio(),
                        llm.circuitDelay()));
    }

    private static EmbeddingsCheck check(String name, BridgeConfig.Llm llm) {
        String encoder =
                llm.embeds()
                        .servedEncoderId()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "skim.bridge.llm.backend="
                                                        + name
                                                        + " needs"
                                                        + " skim.bridge.llm.embeds.served-encoder-id:"
                                                        + " the encoder id of the served model's own"
                                                        + " vision tower + projector; embeddings"
                                                        + " from any other encoder mean nothing to"
                                                        + " the model"));
        int hidden =
                llm.embeds()
                        .hiddenSize()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "skim.bridge.llm.backend="
                                                        + name
                                                        + " needs skim.bridge.llm.embeds.hidden-size"
                                                        + " (the served model's hidden size)"));
        return new EmbeddingsCheck(name, encoder, hidden);
    }
}
