package dev.skim.bridge.console;

import dev.skim.avro.FrameRef;
import dev.skim.avro.OperatorStep;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.avro.TokenRef;
import dev.skim.bridge.api.Forwarder;
import dev.skim.bridge.api.ProblemKind;
import dev.skim.bridge.memory.TokenMemory;
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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One frame's provenance: the encoder patches its kept tokens come from in each tier, and its
 * keyframe with tags (the console's large view of a moment).
 */
@Path("/v1/streams/{id}/moments/{seq}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "streams")
public class MomentsResource {

    /** Blocks of one tier looked at around one presentation time. */
    private static final int BLOCKS = 64;

    private final TokenMemory memory;
    private final Forwarder forwarder;

    MomentsResource(TokenMemory memory, Forwarder forwarder) {
        this.memory = memory;
        this.forwarder = forwarder;
    }

    /** The frame's tokens per tier (grid positions and spans) and its keyframe. */
    @GET
    @Operation(
            summary = "One frame: which patches its kept tokens cover, per tier, and its keyframe")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = MomentView.class)))
    @APIResponse(responseCode = "400", description = "No or a negative presentation time")
    @APIResponse(responseCode = "404", description = "Unknown stream, or no block holds the frame")
    public Response get(
            @PathParam("id") String id,
            @PathParam("seq") long seq,
            @Parameter(description = "the frame's presentation time in milliseconds (required)")
                    @QueryParam("at")
                    Long at,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        if (at == null || at < 0) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "at (the frame's presentation time in milliseconds, >= 0) is required, got "
                            + at);
        }
        return forwarder.answerGet(id, uri, headers, () -> Response.ok(here(id, seq, at)).build());
    }

    private MomentView here(String id, long seq, long at) {
        memory.stream(id)
                .orElseThrow(
                        () ->
                                ProblemKind.NOT_FOUND.exception(
                                        "No stream '" + id + "' in the token memory"));
        List<MomentView.TierTokens> tiers = new ArrayList<>();
        List<String> gated = new ArrayList<>();
        Float novelty = null;
        boolean seen = false;
        for (Tier tier : Tier.values()) {
            for (TokenBlock b : memory.blocks(tier, id, at, at, BLOCKS)) {
                for (FrameRef g : b.getGated()) {
                    if (g.getSeq() == seq) {
                        gated.add(tier.name());
                        seen = true;
                    }
                }
                int index = indexOf(b, seq);
                if (index < 0) {
                    continue;
                }
                seen = true;
                if (tier == Tier.FAST || novelty == null) {
                    novelty = b.getFrames().get(index).getNovelty();
                }
                List<MomentView.Patch> patches = new ArrayList<>();
                for (TokenRef t : b.getTokens()) {
                    if (t.getFrameIndex() == index) {
                        patches.add(new MomentView.Patch(t.getRow(), t.getCol(), t.getSpan()));
                    }
                }
                tiers.add(
                        new MomentView.TierTokens(
                                tier.name(),
                                b.getGridRows(),
                                b.getGridCols(),
                                b.getEncoderId(),
                                b.getChain().stream().map(OperatorStep::getName).toList(),
                                patches));
            }
        }
        MomentView.Keyframe keyframe =
                memory.keyframe(id, seq).map(k -> keyframe(id, k)).orElse(null);
        if (!seen && keyframe == null) {
            throw ProblemKind.NOT_FOUND.exception(
                    "No block of stream '"
                            + id
                            + "' at "
                            + at
                            + " ms holds frame "
                            + seq
                            + " (never seen, or older than every tier's retention)");
        }
        return new MomentView(id, seq, at, novelty, gated, tiers, keyframe);
    }

    private static int indexOf(TokenBlock b, long seq) {
        List<FrameRef> frames = b.getFrames();
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).getSeq() == seq) {
                return i;
            }
        }
        return -1;
    }

    private static MomentView.Keyframe keyframe(String id, dev.skim.avro.Keyframe k) {
        return new MomentView.Keyframe(
                TokenMemory.keyframeLink(id, k.getSeq()),
                k.getWidth(),
                k.getHeight(),
                k.getTagger(),
                k.getTags().stream()
                        .map(
                                t ->
                                        new MomentView.TagView(
                                                t.getKind().name(),
                                                t.getLabel(),
                                                t.getScore(),
                                                t.getX(),
                                                t.getY(),
                                                t.getW(),
                                                t.getH()))
                        .toList());
    }
}
