package dev.skim.bridge.api;

import dev.skim.bridge.config.BridgeConfig;
import dev.skim.bridge.memory.Owner;
import dev.skim.bridge.memory.StreamInfo;
import dev.skim.bridge.memory.StreamOwners;
import dev.skim.bridge.memory.TokenMemory;
import dev.skim.bridge.search.Matched;
import dev.skim.bridge.search.Query;
import dev.skim.bridge.search.SearchMoment;
import dev.skim.bridge.search.SearchResponse;
import dev.skim.bridge.search.SearchService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Search across every stream the caller's key may read, on every instance (each instance answers
 * for the streams it holds; the answers are merged, best first).
 */
@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "search", description = "Moments found by words or by example")
public class CrossSearchResource {
    private final SearchService search;
    private final TokenMemory memory;
    private final StreamOwners owners;
    private final Forwarder forwarder;
    private final ApiKeys keys;
    private final BridgeConfig config;

    CrossSearchResource(
            SearchService search,
            TokenMemory memory,
            StreamOwners owners,
            Forwarder forwarder,
            ApiKeys keys,
            BridgeConfig config) {
        this.search = search;
        this.memory = memory;
        this.owners = owners;
        this.forwarder = forwarder;
        this.keys = keys;
        this.config = config;
    }

    /** Moments of all readable streams whose keyframe tags match the words, best first. */
    @GET
    @Operation(
            summary = "Search every stream the key may read",
            description = "As /v1/streams/{id}/search, over all streams of all instances")
    @APIResponse(responseCode = "200", description = "SearchResponse")
    @APIResponse(responseCode = "400", description = "Missing, blank or too long q; bad limit")
    @APIResponse(responseCode = "401", description = "Missing or invalid API key")
    public SearchResponse searchAll(
            @QueryParam("q") String q,
            @QueryParam("limit") String limit,
            @Parameter(description = "all (default) or local: only this instance's streams")
                    @QueryParam("scope")
                    @DefaultValue("all")
                    String scope,
            @Context HttpHeaders headers) {
        String text = SearchParams.query(q, config);
        int max = SearchParams.limit(limit, config);
        Predicate<String> readable = keys.readable(headers);
        Query query = search.parse(text);
        List<SearchMoment> moments = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        Map<String, Matched> texts = new LinkedHashMap<>();
        if (!owners.holdsNothing()) {
            for (StreamInfo s : memory.streams()) {
                String id = s.totals().streamId();
                if (readable.test(id)) {
                    SearchService.Found found = search.find(query, id, 0, Long.MAX_VALUE);
                    moments.addAll(found.moments());
                    found.texts().forEach(t -> texts.putIfAbsent(t.label(), t));
                }
            }
        }
        if (!scope.equals("local")) {
            String path =
                    "/v1/search?scope=local&limit="
                            + max
                            + "&q="
                            + URLEncoder.encode(text, StandardCharsets.UTF_8);
            for (Owner.Remote other : owners.others()) {
                SearchResponse r;
                try {
                    r = forwarder.getJson(other, path, headers, SearchResponse.class);
                } catch (ProblemException e) {
                    // one instance rebalancing, restarting or on an older release: the others'
                    // moments are still worth having, and the answer says what is missing
                    unanswered.add(other.host() + ":" + other.port());
                    continue;
                }
                moments.addAll(r.moments());
                r.matched().stream()
                        .filter(m -> m.kind().equals("TEXT"))
                        .forEach(t -> texts.putIfAbsent(t.label(), t));
            }
        }
        moments.removeIf(m -> !readable.test(m.streamId()));
        SearchResponse out = search.respond(query, moments, List.copyOf(texts.values()), max);
        if (unanswered.isEmpty()) {
            return out;
        }
        String missing =
                "instance(s) "
                        + String.join(", ", unanswered)
                        + " did not answer: their streams' moments are missing";
        return new SearchResponse(
                out.query(),
                out.matched(),
                out.note() == null ? missing : out.note() + "; " + missing,
                out.moments());
    }
}
