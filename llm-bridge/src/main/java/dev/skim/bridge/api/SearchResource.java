package dev.skim.bridge.api;

import dev.skim.bridge.config.BridgeConfig;
import dev.skim.bridge.memory.TokenMemory;
import dev.skim.bridge.search.Query;
import dev.skim.bridge.search.SearchResponse;
import dev.skim.bridge.search.SearchService;
import dev.skim.bridge.search.SimilarRequest;
import dev.skim.bridge.search.SimilarResponse;
import dev.skim.bridge.search.SimilarService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Moments of one stream found by words (its keyframes' object and text tags) or by example (a held
 * moment's tokens, or an image). Served by the instance that holds the stream.
 */
@Path("/v1/streams/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "search", description = "Moments found by words or by example")
public class SearchResource {
    private final SearchService search;
    private final SimilarService similar;
    private final TokenMemory memory;
    private final Forwarder forwarder;
    private final BridgeConfig config;

    SearchResource(
            SearchService search,
            SimilarService similar,
            TokenMemory memory,
            Forwarder forwarder,
            BridgeConfig config) {
        this.search = search;
        this.similar = similar;
        this.memory = memory;
        this.forwarder = forwarder;
        this.config = config;
    }

    /**
     * The stream's moments whose keyframe tags match the words: COCO object classes (through the
     * sentence encoder: "people" finds "person") and text read in the frames, best first.
     */
    @GET
    @Path("/search")
    @Operation(
            summary = "Search a stream's moments by words",
            description =
                    "Matches the words to the keyframes' tags: the 80 COCO object classes (by name"
                            + " or through the sentence encoder) and text read in frames. Only"
                            + " keyframes still held (skim.bridge.memory.keyframe-retention) are"
                            + " searched.")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = SearchResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Missing, blank or too long q; bad from, to or limit")
    @APIResponse(responseCode = "401", description = "Missing or invalid API key")
    @APIResponse(responseCode = "403", description = "The key may not read this stream")
    @APIResponse(responseCode = "404", description = "Unknown stream")
    public Response search(
            @PathParam("id") String id,
            @Parameter(description = "Words to find, e.g. person, people, 'exit sign'")
                    @QueryParam("q")
                    String q,
            @Parameter(description = "Earliest presentation time, ms") @QueryParam("from")
                    String from,
            @Parameter(description = "Latest presentation time, ms") @QueryParam("to") String to,
            @Parameter(description = "Most moments (default 20)") @QueryParam("limit") String limit,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        String text = SearchParams.query(q, config);
        long[] range = SearchParams.range(from, to);
        int max = SearchParams.limit(limit, config);
        return forwarder.answerGet(
                id,
                uri,
                headers,
                () -> {
                    known(id);
                    Query query = search.parse(text);
                    SearchService.Found found = search.find(query, id, range[0], range[1]);
                    return Response.ok(search.respond(query, found.moments(), found.texts(), max))
                            .build();
                });
    }

    /**
     * Moments like a held moment: its own tokens (SLOW tier, else FAST, else FRAME) as the query.
     */
    @POST
    @Path("/similar")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Moments like a held moment",
            description =
                    "Body {seq, limit}: the frame's tokens (SLOW tier, else FAST, else FRAME) are the"
                            + " query; frames of every tier are ranked by cosine of their mean"
                            + " token; the frame itself is left out.")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = SimilarResponse.class)))
    @APIResponse(responseCode = "400", description = "No seq, or a bad limit")
    @APIResponse(responseCode = "404", description = "Unknown stream, or the seq is not held")
    public Response similar(
            @PathParam("id") String id,
            SimilarRequest request,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        if (request == null || request.seq() == null) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "a JSON body {\"seq\": ..., \"limit\": ...} is required (or a JPEG body with"
                            + " Content-Type: image/jpeg)");
        }
        int max = SearchParams.limit(request.limit(), config);
        return forwarder.answerPost(
                id,
                uri,
                headers,
                request,
                () -> {
                    known(id);
                    return Response.ok(similar.bySeq(id, request.seq(), max))
                            .type(MediaType.APPLICATION_JSON)
                            .build();
                });
    }

    /**
     * Moments like an image: the JPEG is encoded by the stream's own encoder when the bridge can
     * load it (the shipped MobileNetV2, or the classical descriptors); 422 otherwise.
     */
    @POST
    @Path("/similar")
    @Consumes("image/jpeg")
    @Operation(summary = "Moments like an image (JPEG body)")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = SimilarResponse.class)))
    @APIResponse(responseCode = "400", description = "Not a readable JPEG, or a bad limit")
    @APIResponse(responseCode = "404", description = "Unknown stream")
    @APIResponse(
            responseCode = "422",
            description = "The stream's encoder cannot be loaded by the bridge (named in detail)")
    public Response similarImage(
            @PathParam("id") String id,
            byte[] jpeg,
            @Parameter(description = "Most moments (default 20)") @QueryParam("limit") String limit,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        int max = SearchParams.limit(limit, config);
        return forwarder.answerPost(
                id,
                uri,
                headers,
                jpeg,
                () -> {
                    known(id);
                    return Response.ok(similar.byImage(id, jpeg, max))
                            .type(MediaType.APPLICATION_JSON)
                            .build();
                });
    }

    private void known(String id) {
        memory.stream(id)
                .orElseThrow(
                        () ->
                                ProblemKind.NOT_FOUND.exception(
                                        "No stream '" + id + "' in the token memory"));
    }
}
