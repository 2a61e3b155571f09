package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Optional;

/**
 * OpenAI-compatible chat completions ({@code POST /v1/chat/completions}): the one request builder
 * of every backend that speaks it. The user message's content is an array of parts: the timeline as
 * {@code text} parts and each detail frame as one part of the backend's {@link MediaPart}:
 *
 * <ul>
 *   <li>{@code openai} ({@link #images}): a keyframe as an {@code image_url} part with a {@code
 *       data:image/jpeg;base64,...} URL, each preceded by its timestamp; vLLM, SGLang, llama.cpp's
 *       llama-server, Ollama's {@code /v1} and hosted APIs;
 *   <li>{@code vllm-embeds} ({@link #imageEmbeds}): vLLM's precomputed image embeddings, {@code
 *       {"type": "image_embeds", "image_embeds": "<base64 of torch.save(tensor)>"}} with a (tokens
 *       x hidden size) float32 tensor, all in the single user message (vLLM accepts embeddings in
 *       only one message). The server must run with {@code --enable-mm-embeds}, and the tokens must
 *       come from the served model's own vision tower and projector ({@link EmbeddingsCheck}).
 * </ul>
 */
final class OpenAiChatBackend extends JsonBackend {
    private final MediaPart media;

    private OpenAiChatBackend(
            String name,
            Optional<EmbeddingsCheck> embeddings,
            HttpJson http,
            String baseUrl,
            String model,
            MediaPart media) {
        super(
                name,
                embeddings,
                http,
                HttpJson.resolve(baseUrl, "/v1/chat/completions"),
                model,
                Reply.CHAT_COMPLETIONS);
        this.media = media;
    }

    /** The {@code openai} backend: keyframes as {@code image_url} parts of the given detail. */
    static OpenAiChatBackend images(HttpJson http, String baseUrl, String model, String detail) {
        return new OpenAiChatBackend(
                "openai", Optional.empty(), http, baseUrl, model, imageUrls(detail));
    }

    /** The {@code vllm-embeds} backend: stored tokens as {@code image_embeds} parts. */
    static OpenAiChatBackend imageEmbeds(
            HttpJson http, String baseUrl, String model, EmbeddingsCheck check) {
        return new OpenAiChatBackend(
                "vllm-embeds",
                Optional.of(check),
                http,
                baseUrl,
                model,
                OpenAiChatBackend::addImageEmbeds);
    }

    @Override
    ObjectNode body(LlmRequest request, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        ArrayNode content = chat(body, request).addObject().put("role", "user").putArray("content");
        for (LlmRequest.Part part : request.parts()) {
            if (part instanceof LlmRequest.Text t) {
                content.addObject().put("type", "text").put("text", t.text());
            } else if (!media.add(part, content)) {
                throw unsupported();
            }
        }
        body.put("max_tokens", request.maxAnswerTokens());
        body.put("temperature", 0);
        body.put("stream", false);
        return body;
    }

    /** The pluggable part of the request: what a detail frame becomes in the user message. */
    @FunctionalInterface
    interface MediaPart {
        /** Adds {@code part} to {@code content}; false when it is not of this media's kind. */
        boolean add(LlmRequest.Part part, ArrayNode content);
    }

    /** Keyframes as {@code image_url} parts with JPEG data URLs. */
    private static MediaPart imageUrls(String detail) {
        return (part, content) -> {
            if (!(part instanceof LlmRequest.Image i)) {
                return false;
            }
            ObjectNode url = content.addObject().put("type", "image_url").putObject("image_url");
            url.put(
                    "url",
                    "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(i.jpeg()));
            url.put("detail", detail);
            return true;
        };
    }

    /** A frame's tokens as an {@code image_embeds} part: base64 of {@code torch.save(tensor)}. */
    private static boolean addImageEmbeds(LlmRequest.Part part, ArrayNode content) {
        if (!(part instanceof LlmRequest.Embedding e)) {
            return false;
        }
        byte[] tensor = TorchSave.float32(new int[] {e.rows(), e.dim()}, e.values());
        content.addObject()
                .put("type", "image_embeds")
                .put("image_embeds", Base64.getEncoder().encodeToString(tensor));
        return true;
    }
}
