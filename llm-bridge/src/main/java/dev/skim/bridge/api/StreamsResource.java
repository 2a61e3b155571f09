package dev.skim.bridge.api;

import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.bridge.memory.Owner;
import dev.skim.bridge.memory.StreamInfo;
import dev.skim.bridge.memory.StreamOwners;
import dev.skim.bridge.memory.TimelineEntry;
import dev.skim.bridge.memory.TokenMemory;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The streams this service remembers, their timelines and keyframes. A request about one stream is
 * answered by the instance that holds it (forwarded if needed); the list gathers all instances.
 */
@Path("/v1/streams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "streams", description = "Token memory of each stream")
public class StreamsResource {

    /** Largest number of timeline entries one request may return. */
    static final int MAX_LIMIT = 10_000;

    private final TokenMemory memory;
    private final StreamOwners owners;
    private final Forwarder forwarder;
    private final ApiKeys keys;

    StreamsResource(TokenMemory memory, StreamOwners owners, Forwarder forwarder, ApiKeys keys) {
        this.memory = memory;
        this.owners = owners;
        this.forwarder = forwarder;
        this.keys = keys;
    }

    /**
     * Every stream the caller may read, with frame, token and byte counts, time range and tiers
     * (the OpenAPI schema of the answer comes from the return type).
     */
    @GET
    @Operation(summary = "List streams", description = "All instances' streams unless scope=local")
    public List<StreamInfo> list(
            @Parameter(description = "all (default) or local: only this instance's streams")
                    @QueryParam("scope")
                    @DefaultValue("all")
                    String scope,
            @Context HttpHeaders headers) {
        Predicate<String> readable = keys.readable(headers);
        List<StreamInfo> out =
                new ArrayList<>(owners.holdsNothing() ? List.of() : memory.streams());
        if (!scope.equals("local")) {
            for (Owner.Remote other : owners.others()) {
                out.addAll(forwarder.streamsOf(other, headers));
            }
        }
        out.removeIf(s -> !readable.test(s.totals().streamId()));
        out.sort(Comparator.comparing(s -> s.totals().streamId()));
        return out;
    }

    /** One stream's totals and what each tier holds now. */
    @GET
    @Path("/{id}")
    @Operation(summary = "One stream")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = StreamInfo.class)))
    @APIResponse(responseCode = "404", description = "Unknown stream")
    public Response get(
            @PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forwarder.answerGet(
                id,
                uri,
                headers,
                () -> Response.ok(memory.stream(id).orElseThrow(() -> unknown(id))).build());
    }

    /**
     * Token blocks of a stream in time order (then seq, then tier), optionally limited to
     * presentation times in [from, to] milliseconds and to some tiers.
     */
    @GET
    @Path("/{id}/timeline")
    @Operation(summary = "Timeline: per block token counts, novelty, slow frames, keyframe links")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = TimelineEntry.class)))
    @APIResponse(responseCode = "400", description = "Bad range, limit or tier")
    @APIResponse(responseCode = "404", description = "Unknown stream")
    public Response timeline(
            @PathParam("id") String id,
            @QueryParam("from") @DefaultValue("0") long from,
            @QueryParam("to") @DefaultValue("9223372036854775807") long to,
            @QueryParam("limit") @DefaultValue("1000") int limit,
            @Parameter(description = "Comma-separated tiers (FAST,SLOW,FRAME); all by default")
                    @QueryParam("tiers")
                    String tiers,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        if (from < 0 || to < from) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "from and to must satisfy 0 <= from <= to (milliseconds), got from="
                            + from
                            + " to="
                            + to);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        Set<Tier> wanted = tiers(tiers);
        return forwarder.answerGet(
                id,
                uri,
                headers,
                () -> {
                    memory.stream(id).orElseThrow(() -> unknown(id));
                    return Response.ok(memory.timeline(id, from, to, limit, wanted)).build();
                });
    }

    /** The JPEG of a slow frame, while the keyframe retention keeps it. */
    @GET
    @Path("/{id}/keyframes/{seq}")
    @Produces({"image/jpeg", "application/problem+json"})
    @Operation(summary = "Keyframe JPEG of a frame")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "image/jpeg"))
    @APIResponse(responseCode = "404", description = "No keyframe held for that frame")
    public Response keyframe(
            @PathParam("id") String id,
            @PathParam("seq") long seq,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forwarder.answerGet(id, uri, headers, () -> keyframeHere(id, seq));
    }

    private Response keyframeHere(String id, long seq) {
        Keyframe k =
                memory.keyframe(id, seq)
                        .orElseThrow(
                                () ->
                                        ProblemKind.NOT_FOUND.exception(
                                                "No keyframe of seq "
                                                        + seq
                                                        + " of stream '"
                                                        + id
                                                        + "' is held (never sent, or older than"
                                                        + " the keyframe retention)"));
        ByteBuffer b = k.getJpeg().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return Response.ok(bytes, "image/jpeg").build();
    }

    private static Set<Tier> tiers(String tiers) {
        if (tiers == null || tiers.isBlank()) {
            return TokenMemory.allTiers();
        }
        Set<Tier> out = EnumSet.noneOf(Tier.class);
        for (String t : tiers.split(",")) {
            try {
                out.add(Tier.valueOf(t.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProblemKind.BAD_REQUEST.exception(
                        "unknown tier '" + t.trim() + "'; use FAST, SLOW or FRAME");
            }
        }
        return out;
    }

    private static ProblemException unknown(String id) {
        return ProblemKind.NOT_FOUND.exception("No stream '" + id + "' in the token memory");
    }
}
