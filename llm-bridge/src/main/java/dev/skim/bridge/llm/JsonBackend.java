package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Optional;

/**
 * A backend that POSTs one JSON body to one endpoint of an LLM server and reads the answer from
 * fixed places of the response ({@link Reply}). It sends keyframe images, or token embeddings under
 * the served model's encoder rule ({@link EmbeddingsCheck}). Subclasses write only their server's
 * request body.
 */
abstract class JsonBackend implements LlmBackend {
    private final String name;
    private final Optional<EmbeddingsCheck> embeddings;
    private final HttpJson http;
    private final URI uri;
    private final String model;
    private final Reply reply;

    /**
     * @param embeddings the encoder rule of a backend that sends token embeddings; empty for one
     *     that sends keyframe images
     */
    JsonBackend(
            String name,
            Optional<EmbeddingsCheck> embeddings,
            HttpJson http,
            URI uri,
            String model,
            Reply reply) {
        this.name = name;
        this.embeddings = embeddings;
        this.http = http;
        this.uri = uri;
        this.model = model;
        this.reply = reply;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String model() {
        return model;
    }

    @Override
    public final Modality modality() {
        return embeddings.isPresent() ? Modality.EMBEDDINGS : Modality.IMAGES;
    }

    @Override
    public final Optional<String> unusableFor(String encoderId, int dim) {
        return embeddings.flatMap(check -> check.unusableFor(encoderId, dim));
    }

    @Override
    public final Completion complete(LlmRequest request) {
        JsonNode response = http.post(uri, body(request, http.json()));
        return reply.read(response, uri, model);
    }

    /** The request in the server's wire format. */
    abstract ObjectNode body(LlmRequest request, ObjectMapper json);

    /**
     * Starts a chat body, {@code {model, messages: [{role: system, content}]}}, and returns its
     * messages for the user turn.
     */
    final ArrayNode chat(ObjectNode body, LlmRequest request) {
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        return messages;
    }

    /** The error for a part of the other modality than this backend sends. */
    final IllegalArgumentException unsupported() {
        return new IllegalArgumentException(
                "the "
                        + name
                        + " backend sends "
                        + (embeddings.isPresent()
                                ? "token embeddings, not images"
                                : "keyframe images, not embeddings"));
    }

    /**
     * Where a server's response holds the answer, the model and the token counts (JSON pointers).
     *
     * @param text the answer text (required: a response without it is a bad response)
     * @param model the model that answered, or null when the response does not name it (then the
     *     requested model is reported)
     * @param promptTokens prompt tokens, if the server counts them
     * @param completionTokens answer tokens, if the server counts them
     */
    record Reply(String text, String model, String promptTokens, String completionTokens) {

        /** OpenAI-compatible chat completions. */
        static final Reply CHAT_COMPLETIONS =
                new Reply(
                        "/choices/0/message/content",
                        "/model",
                        "/usage/prompt_tokens",
                        "/usage/completion_tokens");

        Completion read(JsonNode response, URI from, String requestedModel) {
            return new Completion(
                    HttpJson.required(response, text, from),
                    model == null ? requestedModel : response.at(model).asText(requestedModel),
                    HttpJson.optionalInt(response, promptTokens),
                    HttpJson.optionalInt(response, completionTokens));
        }
    }
}
