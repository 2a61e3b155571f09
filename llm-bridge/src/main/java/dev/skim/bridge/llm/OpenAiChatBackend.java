package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Base64;

/**
 * OpenAI-compatible chat completions ({@code POST /v1/chat/completions}), as served by vLLM,
 * SGLang, llama.cpp's llama-server, Ollama's {@code /v1} and hosted APIs. The user message's
 * content is an array of parts: the timeline as {@code text} parts and keyframes as {@code
 * image_url} parts with {@code data:image/jpeg;base64,...} URLs, each preceded by its timestamp.
 */
final class OpenAiChatBackend implements LlmBackend {
    private final HttpJson http;
    private final URI uri;
    private final String model;
    private final String detail;

    OpenAiChatBackend(HttpJson http, String baseUrl, String model, String detail) {
        this.http = http;
        this.uri = HttpJson.resolve(baseUrl, "/v1/chat/completions");
        this.model = model;
        this.detail = detail;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Modality modality() {
        return Modality.IMAGES;
    }

    @Override
    public Completion complete(LlmRequest request) {
        ObjectNode body = http.json().createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode content = user.putArray("content");
        for (LlmRequest.Part part : request.parts()) {
            if (part instanceof LlmRequest.Text t) {
                content.addObject().put("type", "text").put("text", t.text());
            } else if (part instanceof LlmRequest.Image i) {
                ObjectNode url =
                        content.addObject().put("type", "image_url").putObject("image_url");
                url.put(
                        "url",
                        "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(i.jpeg()));
                url.put("detail", detail);
            } else {
                throw new IllegalArgumentException(
                        "the openai backend sends keyframe images, not embeddings");
            }
        }
        body.put("max_tokens", request.maxAnswerTokens());
        body.put("temperature", 0);
        body.put("stream", false);
        JsonNode response = http.post(uri, body);
        return new Completion(
                HttpJson.required(response, "/choices/0/message/content", uri),
                response.path("model").asText(model),
                HttpJson.optionalInt(response, "/usage/prompt_tokens"),
                HttpJson.optionalInt(response, "/usage/completion_tokens"));
    }
}
