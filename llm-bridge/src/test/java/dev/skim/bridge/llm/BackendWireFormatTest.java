package dev.skim.bridge.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each backend against a loopback stub that checks the server's documented request format. */
class BackendWireFormatTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] JPEG_1 = {(byte) 0xFF, (byte) 0xD8, 1, (byte) 0xFF, (byte) 0xD9};
    static final byte[] JPEG_2 = {(byte) 0xFF, (byte) 0xD8, 2, (byte) 0xFF, (byte) 0xD9};

    static final String OPENAI_ANSWER =
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"stub-vlm\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                    + "\"A forklift enters at [t=00:00:02.000].\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":321,\"completion_tokens\":12,\"total_tokens\":333}}";

    static HttpJson http(Optional<String> key) {
        return new HttpJson(JSON, Duration.ofSeconds(10), key);
    }

    static LlmRequest imagesRequest() {
        return new LlmRequest(
                "system text",
                List.of(
                        new LlmRequest.Text("Video stream 'cam'"),
                        new LlmRequest.Text("[t=00:00:01.000] seq=1 SLOW (detail)"),
                        new LlmRequest.Image(1, 1000, JPEG_1),
                        new LlmRequest.Text("[t=00:00:02.000] seq=2 SLOW (detail)"),
                        new LlmRequest.Image(2, 2000, JPEG_2),
                        new LlmRequest.Text("Question: when?")),
                64);
    }

    static LlmRequest embeddingsRequest() {
        return new LlmRequest(
                "system text",
                List.of(
                        new LlmRequest.Text("[t=00:00:01.000] seq=1 SLOW (detail)"),
                        new LlmRequest.Embedding(1, 1000, 3, 4, new float[12]),
                        new LlmRequest.Text("[t=00:00:02.000] seq=2 SLOW (detail)"),
                        new LlmRequest.Embedding(
                                2, 2000, 2, 4, new float[] {1, 2, 3, 4, 5, 6, 7, 8}),
                        new LlmRequest.Text("Question: when?")),
                64);
    }

    @Test
    void shouldSendOpenAiChatCompletionsWithKeyframesAsJpegDataUrlsAndABearerKey() {
        try (StubServer stub =
                StubServer.start("/v1/chat/completions", WireFormats::openAi, OPENAI_ANSWER)) {
            var backend =
                    OpenAiChatBackend.images(
                            http(Optional.of("sk-test")), stub.baseUrl() + "/", "m1", "low");

            Completion c = backend.complete(imagesRequest());

            assertThat(c.text()).isEqualTo("A forklift enters at [t=00:00:02.000].");
            assertThat(c.model()).isEqualTo("stub-vlm");
            assertThat(c.promptTokens()).isEqualTo(321);
            assertThat(c.completionTokens()).isEqualTo(12);
            assertThat(stub.authorizations()).containsExactly("Bearer sk-test");
            JsonNode body = stub.requests().get(0);
            assertThat(body.path("model").asText()).isEqualTo("m1");
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
            JsonNode content = body.path("messages").get(1).path("content");
            List<String> urls = new ArrayList<>();
            List<String> types = new ArrayList<>();
            content.forEach(
                    p -> {
                        types.add(p.path("type").asText());
                        if (p.has("image_url")) {
                            urls.add(p.path("image_url").path("url").asText());
                        }
                    });
            assertThat(types)
                    .containsExactly("text", "text", "image_url", "text", "image_url", "text");
            assertThat(urls).hasSize(2);
            assertThat(Base64.getDecoder().decode(urls.get(1).substring(23))).isEqualTo(JPEG_2);
            assertThat(content.get(2).path("image_url").path("detail").asText()).isEqualTo("low");
        }
    }

    @Test
    void shouldSendOllamaNativeChatWithRawBase64ImagesNumberedInTheText() {
        String answer =
                "{\"model\":\"llava\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":"
                        + "{\"role\":\"assistant\",\"content\":\"At [t=00:00:01.000].\"},"
                        + "\"done\":true,\"prompt_eval_count\":300,\"eval_count\":9}";
        try (StubServer stub = StubServer.start("/api/chat", WireFormats::ollama, answer)) {
            var backend = new OllamaChatBackend(http(Optional.empty()), stub.baseUrl(), "llava");

            Completion c = backend.complete(imagesRequest());

            assertThat(c.text()).isEqualTo("At [t=00:00:01.000].");
            assertThat(c.promptTokens()).isEqualTo(300);
            assertThat(c.completionTokens()).isEqualTo(9);
            assertThat(stub.authorizations()).containsOnlyNulls();
            JsonNode user = stub.requests().get(0).path("messages").get(1);
            assertThat(user.path("images")).hasSize(2);
            assertThat(Base64.getDecoder().decode(user.path("images").get(0).asText()))
                    .isEqualTo(JPEG_1);
            assertThat(user.path("content").asText())
                    .contains("(image 1 is this keyframe)", "(image 2 is this keyframe)")
                    .endsWith("Question: when?");
            assertThat(stub.requests().get(0).path("options").path("num_predict").asInt())
                    .isEqualTo(64);
        }
    }

    @Test
    void shouldSendVllmImageEmbedsAsTorchSavedTensorsInTheSingleUserMessage() throws Exception {
        try (StubServer stub =
                StubServer.start("/v1/chat/completions", WireFormats::vllmEmbeds, OPENAI_ANSWER)) {
            var backend =
                    OpenAiChatBackend.imageEmbeds(
                            http(Optional.empty()),
                            stub.baseUrl(),
                            "Qwen/Qwen2.5-VL-7B-Instruct",
                            new EmbeddingsCheck("vllm-embeds", "qwen2.5-vl-tower", 4));

            Completion c = backend.complete(embeddingsRequest());

            assertThat(c.text()).contains("[t=00:00:02.000]");
            JsonNode content = stub.requests().get(0).path("messages").get(1).path("content");
            List<byte[]> tensors = new ArrayList<>();
            content.forEach(
                    p -> {
                        if (p.path("type").asText().equals("image_embeds")) {
                            tensors.add(
                                    Base64.getDecoder().decode(p.path("image_embeds").asText()));
                        }
                    });
            assertThat(tensors).hasSize(2);
            Map<String, byte[]> second = TorchSaveTest.unzip(tensors.get(1));
            @SuppressWarnings("unchecked")
            Map<String, Object> call =
                    (Map<String, Object>) TorchSaveTest.unpickle(second.get("archive/data.pkl"));
            assertThat((List<Object>) ((List<Object>) call.get("args")).get(2))
                    .containsExactly(2L, 4L);
            assertThat(second.get("archive/data/0")).hasSize(8 * 4);
        }
    }

    @Test
    void shouldRefuseEmbeddingsFromAnEncoderThatIsNotTheServedModelsVisionTower() {
        var check = new EmbeddingsCheck("vllm-embeds", "qwen2.5-vl-tower", 3584);

        assertThat(check.unusableFor("mobilenetv2-block10", 384))
                .get()
                .asString()
                .contains("'mobilenetv2-block10'", "served-encoder-id=qwen2.5-vl-tower");
        assertThat(check.unusableFor("qwen2.5-vl-tower", 384))
                .get()
                .asString()
                .contains("hidden size 3584", "dimension 384");
        assertThat(check.unusableFor("qwen2.5-vl-tower", 3584)).isEmpty();
    }

    @Test
    void shouldSendSglangGenerateWithOnePrecomputedEmbeddingPerImagePlaceholder() {
        String answer =
                "{\"text\":\"At [t=00:00:01.000].\",\"meta_info\":{\"prompt_tokens\":77,"
                        + "\"completion_tokens\":5}}";
        try (StubServer stub =
                StubServer.start("/generate", b -> WireFormats.sglang(b, "<image>"), answer)) {
            var backend =
                    new SglangEmbedsBackend(
                            http(Optional.empty()),
                            stub.baseUrl(),
                            "qwen",
                            new EmbeddingsCheck("sglang-embeds", "tower", 4),
                            "<image>");

            Completion c = backend.complete(embeddingsRequest());

            assertThat(c.text()).isEqualTo("At [t=00:00:01.000].");
            assertThat(c.promptTokens()).isEqualTo(77);
            JsonNode items = stub.requests().get(0).path("image_data");
            assertThat(items).hasSize(2);
            assertThat(items.get(0).path("feature")).hasSize(3);
            assertThat(items.get(1).path("feature").get(1).get(3).floatValue()).isEqualTo(8f);
        }
    }

    @Test
    void shouldFailWithoutRetryWhenTheServerRejectsTheRequest() {
        try (StubServer stub =
                StubServer.start(
                        "/v1/chat/completions", b -> List.of("always wrong"), OPENAI_ANSWER)) {
            var backend =
                    OpenAiChatBackend.images(http(Optional.empty()), stub.baseUrl(), "m", "low");

            assertThatThrownBy(() -> backend.complete(imagesRequest()))
                    .isInstanceOf(LlmException.class)
                    .hasMessageContaining("HTTP 400")
                    .hasMessageContaining("always wrong")
                    .matches(e -> !((LlmException) e).retryable());
        }
    }
}
