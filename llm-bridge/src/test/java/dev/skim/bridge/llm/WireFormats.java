package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The documented request formats of the LLM servers (research/anchors.md section 2), as checks that
 * list every violation.
 */
final class WireFormats {
    private WireFormats() {}

    /** OpenAI chat completions with image_url data URLs (vLLM, SGLang, llama.cpp, Ollama /v1). */
    static List<String> openAi(JsonNode body) {
        List<String> p = new ArrayList<>();
        requireText(body, "model", p);
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            p.add("messages must be a non-empty array");
            return p;
        }
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if (!List.of("system", "user", "assistant").contains(role)) {
                p.add("message role must be system, user or assistant, was '" + role + "'");
            }
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                continue;
            }
            if (!content.isArray()) {
                p.add("content must be a string or an array of parts");
                continue;
            }
            for (JsonNode part : content) {
                switch (part.path("type").asText("")) {
                    case "text" -> {
                        if (!part.path("text").isTextual()) {
                            p.add("a text part needs a string 'text'");
                        }
                    }
                    case "image_url" -> {
                        String url = part.path("image_url").path("url").asText("");
                        if (!url.startsWith("data:image/jpeg;base64,")) {
                            p.add("image_url.url must be a data:image/jpeg;base64, URL");
                        } else if (!isBase64(url.substring("data:image/jpeg;base64,".length()))) {
                            p.add("image_url data is not valid base64");
                        }
                        String detail = part.path("image_url").path("detail").asText("auto");
                        if (!List.of("low", "high", "auto").contains(detail)) {
                            p.add("image_url.detail must be low, high or auto");
                        }
                    }
                    case "image_embeds" -> {
                        if (!part.path("image_embeds").isTextual()
                                || !isBase64(part.path("image_embeds").asText())) {
                            p.add("image_embeds must be a base64 string");
                        }
                    }
                    default ->
                            p.add("unknown content part type '" + part.path("type").asText() + "'");
                }
            }
        }
        if (body.has("max_tokens") && !body.path("max_tokens").isInt()) {
            p.add("max_tokens must be an integer");
        }
        return p;
    }

    /** vLLM with image_embeds: the OpenAI format, and only one message may carry embeddings. */
    static List<String> vllmEmbeds(JsonNode body) {
        List<String> p = openAi(body);
        int carrying = 0;
        for (JsonNode m : body.path("messages")) {
            boolean has = false;
            for (JsonNode part : m.path("content")) {
                if (part.path("type").asText().equals("image_embeds")) {
                    has = true;
                }
                if (part.path("type").asText().equals("image_url")) {
                    p.add("image_url and image_embeds must not be mixed");
                }
            }
            carrying += has ? 1 : 0;
        }
        if (carrying != 1) {
            p.add("exactly one message must contain image_embeds parts, found " + carrying);
        }
        return p;
    }

    /** Ollama native /api/chat: text content, raw base64 images per message, stream false. */
    static List<String> ollama(JsonNode body) {
        List<String> p = new ArrayList<>();
        requireText(body, "model", p);
        if (!body.path("stream").isBoolean() || body.path("stream").asBoolean()) {
            p.add("stream must be false for a single JSON response");
        }
        for (JsonNode m : body.path("messages")) {
            if (!m.path("content").isTextual()) {
                p.add("message content must be a string");
            }
            for (JsonNode image : m.path("images")) {
                String s = image.asText("");
                if (s.startsWith("data:")) {
                    p.add("images must be raw base64 without a data: prefix");
                } else if (!isBase64(s)) {
                    p.add("an image is not valid base64");
                }
            }
        }
        if (!body.path("messages").isArray()) {
            p.add("messages must be an array");
        }
        return p;
    }

    /** SGLang /generate with precomputed embeddings, one per image placeholder. */
    static List<String> sglang(JsonNode body, String imageToken) {
        List<String> p = new ArrayList<>();
        requireText(body, "text", p);
        JsonNode items = body.path("image_data");
        if (!items.isArray()) {
            p.add("image_data must be an array");
            return p;
        }
        int placeholders =
                body.path("text")
                                .asText("")
                                .split(java.util.regex.Pattern.quote(imageToken), -1)
                                .length
                        - 1;
        if (placeholders != items.size()) {
            p.add(placeholders + " image placeholders but " + items.size() + " image_data items");
        }
        for (JsonNode item : items) {
            if (!item.path("format").asText().equals("precomputed_embedding")) {
                p.add("every item needs format=precomputed_embedding (one format per request)");
            }
            JsonNode feature = item.path("feature");
            if (!feature.isArray() || feature.isEmpty() || !feature.get(0).isArray()) {
                p.add("feature must be a non-empty 2-d array");
                continue;
            }
            int dim = feature.get(0).size();
            for (JsonNode row : feature) {
                if (row.size() != dim) {
                    p.add("feature rows must all have the same length");
                    break;
                }
            }
        }
        if (!body.path("sampling_params").path("max_new_tokens").isInt()) {
            p.add("sampling_params.max_new_tokens must be an integer");
        }
        return p;
    }

    private static void requireText(JsonNode body, String field, List<String> p) {
        if (!body.path(field).isTextual() || body.path(field).asText().isEmpty()) {
            p.add("'" + field + "' must be a non-empty string");
        }
    }

    static boolean isBase64(String s) {
        try {
            Base64.getDecoder().decode(s);
            return !s.isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
