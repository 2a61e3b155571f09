package dev.skim.bridge.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Timeouts, retries with backoff and the circuit breaker around a backend. */
class GuardedBackendTest {

    private static GuardedBackend guarded(StubServer stub, Duration timeout, int volume) {
        return new GuardedBackend(
                OpenAiChatBackend.images(
                        new HttpJson(BackendWireFormatTest.JSON, timeout, Optional.empty()),
                        stub.baseUrl(),
                        "m",
                        "low"),
                new GuardedBackend.Resilience(
                        timeout, 2, Duration.ofMillis(10), volume, 0.5, Duration.ofMinutes(10)));
    }

    private static StubServer openAiStub() {
        return StubServer.start(
                "/v1/chat/completions", WireFormats::openAi, BackendWireFormatTest.OPENAI_ANSWER);
    }

    @Test
    void shouldRetryServerErrorsAndSucceedOnTheThirdAttempt() {
        try (StubServer stub = openAiStub().failFirst(2, 503)) {
            Completion c =
                    guarded(stub, Duration.ofSeconds(10), 20)
                            .complete(BackendWireFormatTest.imagesRequest());

            assertThat(c.text()).contains("forklift");
            assertThat(stub.calls()).isEqualTo(3);
        }
    }

    @Test
    void shouldRetry429() {
        try (StubServer stub = openAiStub().failFirst(1, 429)) {
            guarded(stub, Duration.ofSeconds(10), 20)
                    .complete(BackendWireFormatTest.imagesRequest());

            assertThat(stub.calls()).isEqualTo(2);
        }
    }

    @Test
    void shouldGiveUpAfterTheConfiguredRetries() {
        try (StubServer stub = openAiStub().failFirst(100, 500)) {
            assertThatThrownBy(
                            () ->
                                    guarded(stub, Duration.ofSeconds(10), 20)
                                            .complete(BackendWireFormatTest.imagesRequest()))
                    .isInstanceOf(LlmException.class)
                    .hasMessageContaining("HTTP 500");
            assertThat(stub.calls()).isEqualTo(3);
        }
    }

    @Test
    void shouldNotRetryOrCountClientErrors() {
        try (StubServer stub =
                StubServer.start(
                        "/v1/chat/completions",
                        b -> List.of("bad request"),
                        BackendWireFormatTest.OPENAI_ANSWER)) {
            GuardedBackend backend = guarded(stub, Duration.ofSeconds(10), 2);
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> backend.complete(BackendWireFormatTest.imagesRequest()))
                        .isInstanceOf(LlmException.class)
                        .hasMessageContaining("HTTP 400");
            }
            // four calls reached the server: no retries, and the circuit stayed closed
            assertThat(stub.calls()).isEqualTo(4);
        }
    }

    @Test
    void shouldOpenTheCircuitAfterRepeatedFailuresAndStopCallingTheServer() {
        try (StubServer stub = openAiStub().failFirst(1000, 503)) {
            GuardedBackend backend = guarded(stub, Duration.ofSeconds(10), 4);

            assertThatThrownBy(() -> backend.complete(BackendWireFormatTest.imagesRequest()))
                    .isInstanceOf(LlmException.class);
            assertThatThrownBy(() -> backend.complete(BackendWireFormatTest.imagesRequest()))
                    .isInstanceOf(LlmUnavailableException.class)
                    .hasMessageContaining("circuit breaker is open");
            int calls = stub.calls();
            assertThatThrownBy(() -> backend.complete(BackendWireFormatTest.imagesRequest()))
                    .isInstanceOf(LlmUnavailableException.class);
            assertThat(stub.calls()).isEqualTo(calls);
            assertThat(calls).isEqualTo(4);
        }
    }

    @Test
    void shouldTimeOutASlowServerAndRetry() {
        try (StubServer stub = openAiStub().delay(2_000)) {
            assertThatThrownBy(
                            () ->
                                    guarded(stub, Duration.ofMillis(200), 20)
                                            .complete(BackendWireFormatTest.imagesRequest()))
                    .isInstanceOf(LlmException.class)
                    .matches(e -> ((LlmException) e).retryable());
            assertThat(stub.calls()).isEqualTo(3);
        }
    }
}
