package dev.skim.bridge.api;

import dev.skim.bridge.memory.StreamStats;
import dev.skim.bridge.memory.TimelineEntry;
import dev.skim.bridge.memory.TokenMemory;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The streams this service remembers, and their timelines. */
@Path("/v1/streams")
@Produces(MediaType.APPLICATION_JSON)
public class StreamsResource {

    /** Largest number of timeline entries one request may return. */
    static final int MAX_LIMIT = 10_000;

    private final TokenMemory memory;

    StreamsResource(TokenMemory memory) {
        this.memory = memory;
    }

    /** Every stream with its frame, token and byte counts and its time range. */
    @GET
    public List<StreamStats> list() {
        return memory.streams();
    }

    @GET
    @Path("/{id}")
    public StreamStats get(@PathParam("id") String id) {
        return memory.stream(id).orElseThrow(() -> unknown(id));
    }

    /**
     * Token blocks of a stream in frame order, optionally limited to presentation times in [from,
     * to] milliseconds.
     */
    @GET
    @Path("/{id}/timeline")
    public List<TimelineEntry> timeline(
            @PathParam("id") String id,
            @QueryParam("from") @DefaultValue("0") long from,
            @QueryParam("to") @DefaultValue("9223372036854775807") long to,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (from < 0 || to < from) {
            throw ProblemException.badRequest(
                    "from and to must satisfy 0 <= from <= to (milliseconds), got from="
                            + from
                            + " to="
                            + to);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest(
                    "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        memory.stream(id).orElseThrow(() -> unknown(id));
        return memory.timeline(id, from, to, limit);
    }

    private static ProblemException unknown(String id) {
        return ProblemException.notFound("No stream '" + id + "' in the token memory");
    }
}
