package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Base64;

/**
 * Ollama's native chat API ({@code POST /api/chat}, {@code stream: false}). A message's {@code
 * content} is plain text and its {@code images} a list of raw base64 strings (no {@code data:}
 * prefix); the timeline text numbers the images in the order they are attached.
 */
final class OllamaChatBackend implements LlmBackend {
    private final HttpJson http;
    private final URI uri;
    private final String model;

    OllamaChatBackend(HttpJson http, String baseUrl, String model) {
        this.http = http;
        this.uri = HttpJson.resolve(baseUrl, "/api/chat");
        this.model = model;
    }

    @Override
    public String name() {
        return "ollama";
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
        StringBuilder text = new StringBuilder();
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode images = http.json().createArrayNode();
        for (LlmRequest.Part part : request.parts()) {
            if (part instanceof LlmRequest.Text t) {
                text.append(t.text()).append('\n');
            } else if (part instanceof LlmRequest.Image i) {
                images.add(Base64.getEncoder().encodeToString(i.jpeg()));
                text.append("(image ").append(images.size()).append(" is this keyframe)\n");
            } else {
                throw new IllegalArgumentException(
                        "the ollama backend sends keyframe images, not embeddings");
            }
        }
        user.put("content", text.toString().strip());
        if (!images.isEmpty()) {
            user.set("images", images);
        }
        body.put("stream", false);
        body.putObject("options")
                .put("temperature", 0)
                .put("num_predict", request.maxAnswerTokens());
        JsonNode response = http.post(uri, body);
        return new Completion(
                HttpJson.required(response, "/message/content", uri),
                response.path("model").asText(model),
                HttpJson.optionalInt(response, "/prompt_eval_count"),
                HttpJson.optionalInt(response, "/eval_count"));
    }
}
