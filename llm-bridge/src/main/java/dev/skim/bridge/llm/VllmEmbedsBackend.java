package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;

/**
 * vLLM's OpenAI-compatible chat completions with precomputed image embeddings: each selected frame
 * becomes one {@code {"type": "image_embeds", "image_embeds": "<base64 of torch.save(tensor)>"}}
 * part with a (tokens x hidden size) float32 tensor, all in the single user message (vLLM accepts
 * embeddings in only one message). The server must run with {@code --enable-mm-embeds}, and the
 * tokens must come from the served model's own vision tower and projector ({@link
 * EmbeddingsCheck}).
 */
final class VllmEmbedsBackend implements LlmBackend {
    private final HttpJson http;
    private final URI uri;
    private final String model;
    private final EmbeddingsCheck check;

    VllmEmbedsBackend(HttpJson http, String baseUrl, String model, EmbeddingsCheck check) {
        this.http = http;
        this.uri = HttpJson.resolve(baseUrl, "/v1/chat/completions");
        this.model = model;
        this.check = check;
    }

    @Override
    public String name() {
        return "vllm-embeds";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Modality modality() {
        return Modality.EMBEDDINGS;
    }

    @Override
    public Optional<String> unusableFor(String encoderId, int dim) {
        return check.unusableFor(encoderId, dim);
    }

    @Override
    public Completion complete(LlmRequest request) {
        ObjectNode body = http.json().createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        ArrayNode content = messages.addObject().put("role", "user").putArray("content");
        for (LlmRequest.Part part : request.parts()) {
            if (part instanceof LlmRequest.Text t) {
                content.addObject().put("type", "text").put("text", t.text());
            } else if (part instanceof LlmRequest.Embedding e) {
                byte[] tensor = TorchSave.float32(new int[] {e.rows(), e.dim()}, e.values());
                content.addObject()
                        .put("type", "image_embeds")
                        .put("image_embeds", Base64.getEncoder().encodeToString(tensor));
            } else {
                throw new IllegalArgumentException(
                        "the vllm-embeds backend sends token embeddings, not images");
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
