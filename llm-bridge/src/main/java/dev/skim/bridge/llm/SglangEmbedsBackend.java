package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Optional;

/**
 * SGLang's native {@code POST /generate} with precomputed embeddings: {@code text} is the prompt
 * with one image placeholder per frame (model specific, {@code
 * skim.bridge.llm.embeds.image-token}), and {@code image_data} lists one {@code {"format":
 * "precomputed_embedding", "feature": [[...], ...]}} item per placeholder, in order (one format per
 * request, as SGLang requires). Same encoder rule as vLLM ({@link EmbeddingsCheck}).
 */
final class SglangEmbedsBackend implements LlmBackend {
    private final HttpJson http;
    private final URI uri;
    private final String model;
    private final EmbeddingsCheck check;
    private final String imageToken;

    SglangEmbedsBackend(
            HttpJson http, String baseUrl, String model, EmbeddingsCheck check, String imageToken) {
        this.http = http;
        this.uri = HttpJson.resolve(baseUrl, "/generate");
        this.model = model;
        this.check = check;
        this.imageToken = imageToken;
    }

    @Override
    public String name() {
        return "sglang-embeds";
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
        StringBuilder text = new StringBuilder(request.system()).append("\n\n");
        ArrayNode images = http.json().createArrayNode();
        for (LlmRequest.Part part : request.parts()) {
            if (part instanceof LlmRequest.Text t) {
                text.append(t.text()).append('\n');
            } else if (part instanceof LlmRequest.Embedding e) {
                text.append(imageToken).append('\n');
                ObjectNode item = images.addObject().put("format", "precomputed_embedding");
                ArrayNode rows = item.putArray("feature");
                for (int r = 0; r < e.rows(); r++) {
                    ArrayNode row = rows.addArray();
                    for (int c = 0; c < e.dim(); c++) {
                        row.add(e.values()[r * e.dim() + c]);
                    }
                }
            } else {
                throw new IllegalArgumentException(
                        "the sglang-embeds backend sends token embeddings, not images");
            }
        }
        body.put("text", text.toString().strip());
        body.set("image_data", images);
        body.putObject("sampling_params")
                .put("max_new_tokens", request.maxAnswerTokens())
                .put("temperature", 0);
        body.put("stream", false);
        JsonNode response = http.post(uri, body);
        return new Completion(
                HttpJson.required(response, "/text", uri),
                model,
                HttpJson.optionalInt(response, "/meta_info/prompt_tokens"),
                HttpJson.optionalInt(response, "/meta_info/completion_tokens"));
    }
}
