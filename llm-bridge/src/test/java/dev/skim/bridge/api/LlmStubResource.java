package dev.skim.bridge.api;

import dev.skim.bridge.llm.StubServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Test resource: an OpenAI-compatible stub server ({@link StubServer#openAi()}) as the bridge's
 * LLM, injected into the test's {@code StubServer} field. One attempt per question (no retries), a
 * one second timeout, and a circuit that opens after four failures in a row.
 */
public class LlmStubResource implements QuarkusTestResourceLifecycleManager {
    private StubServer stub;

    @Override
    public Map<String, String> start() {
        stub = StubServer.openAi();
        return Map.of(
                "skim.bridge.llm.backend", "openai",
                "skim.bridge.llm.base-url", stub.baseUrl(),
                "skim.bridge.llm.model", "stub-vlm",
                "skim.bridge.llm.timeout", "1s",
                "skim.bridge.llm.max-retries", "0",
                "skim.bridge.llm.circuit-request-volume", "4",
                "skim.bridge.llm.circuit-failure-ratio", "1.0",
                "skim.bridge.llm.circuit-delay", "10m");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stub, new TestInjector.MatchesType(StubServer.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
