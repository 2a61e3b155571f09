package dev.skim.bridge.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skim.bridge.context.AskContext;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Questions about a stream, answered from its token memory through the configured LLM backend. */
@Path("/v1/streams/{id}")
@Tag(name = "ask", description = "Questions about a stream")
public class AskResource {
    private static final Logger LOG = Logger.getLogger(AskResource.class);

    private final AskService asks;
    private final Forwarder forwarder;
    private final ObjectMapper json;

    AskResource(AskService asks, Forwarder forwarder, ObjectMapper json) {
        this.asks = asks;
        this.forwarder = forwarder;
        this.json = json;
    }

    /**
     * Builds a context within the token budget (even time coverage from the fast tier, detail from
     * the slow tier), asks the LLM and returns its answer with the moments it cites. Without a
     * configured LLM the answer is null, with the reason, the evidence and a deterministic summary.
     */
    @POST
    @Path("/ask")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask a question about a stream")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = AskResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request or range")
    @APIResponse(responseCode = "401", description = "Missing or invalid API key")
    @APIResponse(responseCode = "403", description = "The key may not read this stream")
    @APIResponse(responseCode = "404", description = "Unknown stream")
    @APIResponse(responseCode = "413", description = "Question too long")
    @APIResponse(responseCode = "422", description = "The backend cannot use this stream's tokens")
    @APIResponse(responseCode = "502", description = "The LLM failed or cannot be reached")
    @APIResponse(
            responseCode = "503",
            description =
                    "Not ready, the LLM is rate limited, or its circuit is open (Retry-After)")
    @APIResponse(responseCode = "504", description = "The LLM timed out")
    public Response ask(
            @PathParam("id") String id,
            @Valid AskRequest request,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forwarder.answerPost(
                id,
                uri,
                headers,
                request,
                () ->
                        Response.ok(asks.answer(asks.prepare(id, request)))
                                .type(MediaType.APPLICATION_JSON)
                                .build());
    }

    /**
     * The same over server-sent events: an {@code evidence} event as soon as the context is chosen
     * (moments, relevance, budget), then an {@code answer} event with the full response, or an
     * {@code error} event with a problem body if the LLM fails after the stream started.
     */
    @POST
    @Path("/ask/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Ask a question, answer streamed as server-sent events")
    public void askStream(
            @PathParam("id") String id,
            @Valid AskRequest request,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            @Context SseEventSink sink,
            @Context Sse sse) {
        try (sink) {
            forwarder
                    .elsewhere(id)
                    .ifPresentOrElse(
                            owner -> forwarder.relayEvents(owner, uri, headers, request, sink, sse),
                            () -> askStreamHere(id, request, sink, sse));
        }
    }

    private void askStreamHere(String id, AskRequest request, SseEventSink sink, Sse sse) {
        AskContext ctx = asks.prepare(id, request);
        sink.send(
                event(
                        sse,
                        "evidence",
                        Map.of(
                                "streamId", id,
                                "fromMillis", ctx.fromMillis(),
                                "toMillis", ctx.toMillis(),
                                "evidence", ctx.moments(),
                                "relevance", ctx.relevance(),
                                "tokenBudget", ctx.tokenBudget(),
                                "contextTokens", ctx.contextTokens())));
        try {
            sink.send(event(sse, "answer", asks.answer(ctx)));
        } catch (ProblemException e) {
            LOG.infof(
                    "ask on stream %s failed after the event stream started: %s",
                    id, e.getMessage());
            sink.send(event(sse, "error", e.problem()));
        }
    }

    private OutboundSseEvent event(Sse sse, String name, Object data) {
        try {
            return sse.newEventBuilder()
                    .name(name)
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, json.writeValueAsString(data))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the " + name + " event: " + e, e);
        }
    }
}
