package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Optional;

/**
 * Ollama's native chat API ({@code POST /api/chat}, {@code stream: false}). A message's {@code
 * content} is plain text and its {@code images} a list of raw base64 strings (no {@code data:}
 * prefix); the timeline text numbers the images in the order they are attached.
 */
final class OllamaChatBackend extends JsonBackend {
    private static final Reply REPLY =
            new Reply("/message/content", "/model", "/prompt_eval_count", "/eval_count");

    OllamaChatBackend(HttpJson http, String baseUrl, String model) {
        super(
                "ollama",
                Optional.empty(),
                http,
                HttpJson.resolve(baseUrl, "/api/chat"),
                model,
                REPLY);
    }

    @Override
    ObjectNode body(LlmRequest request, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        ObjectNode user = chat(body, request).addObject().put("role", "user");
        StringBuilder text = new StringBuilder();
        ArrayNode images = json.createArrayNode();
        for (LlmRequest.Part part : request.parts()) {
            if (part instanceof LlmRequest.Text t) {
                text.append(t.text()).append('\n');
            } else if (part instanceof LlmRequest.Image i) {
                images.add(Base64.getEncoder().encodeToString(i.jpeg()));
                text.append("(image ").append(images.size()).append(" is this keyframe)\n");
            } else {
                throw unsupported();
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
        return body;
    }
}
