package dev.skim.bridge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * A backend that POSTs one JSON body to one endpoint of an LLM server and reads the answer from
 * fixed places of the response ({@link Reply}). Subclasses write only their server's request body.
 */
abstract class JsonBackend implements LlmBackend {
    private final String name;
    private final Modality modality;
    private final HttpJson http;
    private final URI uri;
    private final String model;
    private final Reply reply;

    JsonBackend(String name, Modality modality, HttpJson http, URI uri, String model, Reply reply) {
        this.name = name;
        this.modality = modality;
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
        return modality;
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
                        + (modality == Modality.EMBEDDINGS
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
