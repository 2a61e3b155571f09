package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * SGLang's native {@code POST /generate} with precomputed embeddings: {@code text} is the prompt
 * with one image placeholder per frame (model specific, {@code
 * skim.bridge.llm.embeds.image-token}), and {@code image_data} lists one {@code {"format":
 * "precomputed_embedding", "feature": [[...], ...]}} item per placeholder, in order (one format per
 * request, as SGLang requires). Same encoder rule as vLLM ({@link EmbeddingsCheck}).
 */
final class SglangEmbedsBackend extends JsonBackend {
    /** The response names no model: the requested one is reported. */
    private static final Reply REPLY =
            new Reply("/text", null, "/meta_info/prompt_tokens", "/meta_info/completion_tokens");

    private final String imageToken;

    SglangEmbedsBackend(
            HttpJson http, String baseUrl, String model, EmbeddingsCheck check, String imageToken) {
        super(
                "sglang-embeds",
                Optional.of(check),
                http,
                HttpJson.resolve(baseUrl, "/generate"),
                model,
                REPLY);
        this.imageToken = imageToken;
    }

    @Override
    ObjectNode body(LlmRequest request, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        StringBuilder text = new StringBuilder(request.system()).append("\n\n");
        ArrayNode images = json.createArrayNode();
        for (LlmRequest.Part part : request.parts()) {
            if (part instanceof LlmRequest.Text t) {
                text.append(t.text()).append('\n');
            } else if (part instanceof LlmRequest.Embedding e) {
                text.append(imageToken).append('\n');
                ArrayNode rows =
                        images.addObject()
                                .put("format", "precomputed_embedding")
                                .putArray("feature");
                for (int r = 0; r < e.rows(); r++) {
                    ArrayNode row = rows.addArray();
                    for (int c = 0; c < e.dim(); c++) {
                        row.add(e.values()[r * e.dim() + c]);
                    }
                }
            } else {
                throw unsupported();
            }
        }
        body.put("text", text.toString().strip());
        body.set("image_data", images);
        body.putObject("sampling_params")
                .put("max_new_tokens", request.maxAnswerTokens())
                .put("temperature", 0);
        body.put("stream", false);
        return body;
    }
}
