package dev.skim.bridge.llm;

/**
 * No LLM configured (the default): nothing is called; the bridge answers with the evidence and a
 * deterministic timeline summary instead.
 */
final class NoLlmBackend implements LlmBackend {
    static final String REASON =
            "No LLM backend is configured (skim.bridge.llm.backend=none), so no model answered."
                    + " The evidence and a deterministic timeline summary are returned instead;"
                    + " set skim.bridge.llm.backend to openai, ollama, vllm-embeds or sglang-embeds"
                    + " and skim.bridge.llm.base-url to get model answers.";

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String model() {
        return null;
    }

    @Override
    public Modality modality() {
        return Modality.NONE;
    }

    @Override
    public Completion complete(LlmRequest request) {
        throw new LlmException(LlmException.Failure.NOT_CONFIGURED, REASON, 0, null);
    }
}
