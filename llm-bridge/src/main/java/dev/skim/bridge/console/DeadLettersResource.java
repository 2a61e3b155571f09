package dev.skim.bridge.console;

import dev.skim.bridge.api.ApiKeys;
import dev.skim.bridge.api.ProblemKind;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The latest dead letters: frames the compressor could not process ({@code skim.frames.dlq}) and
 * token blocks or keyframes the bridge could not read ({@code skim.tokens.dlq}). Every instance
 * reads the topics itself, so no request is forwarded.
 *
 * <p>Authorization: a key whose patterns include {@code *} sees every dead letter; any other key
 * sees those of the streams it may read, and none whose stream is unknown (a record too broken to
 * name its stream).
 */
@Path("/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead letters", description = "Records that could not be processed, with why")
public class DeadLettersResource {
    private static final Logger LOG = Logger.getLogger(DeadLettersResource.class);

    /** Largest {@code limit}. */
    static final int MAX_LIMIT = 500;

    private final DeadLetterReader reader;
    private final ApiKeys keys;

    DeadLettersResource(DeadLetterReader reader, ApiKeys keys) {
        this.reader = reader;
        this.keys = keys;
    }

    /**
     * The answer.
     *
     * @param topics the dead-letter topics read
     * @param limit records read at most per partition of each topic
     * @param scope {@code all}, or {@code readable-streams} when the key sees only its streams
     * @param records newest failure first, at most {@code limit}
     */
    public record DeadLetters(
            List<String> topics, int limit, String scope, List<DeadLetterView> records) {}

    /** The latest dead letters the caller may see, newest first. */
    @GET
    @Operation(
            summary = "Latest dead letters",
            description =
                    "At most `limit` records, the latest of skim.frames.dlq and skim.tokens.dlq"
                            + " (read from the end of each partition), newest failure first,"
                            + " without the original bytes."
                            + " A key that may read every stream (`*`) sees all of them; another"
                            + " key sees those of its streams only.")
    @APIResponse(responseCode = "400", description = "Bad limit or topic")
    @APIResponse(responseCode = "503", description = "The broker did not answer in time")
    public DeadLetters list(
            @Parameter(description = "records per partition, 1.." + MAX_LIMIT)
                    @QueryParam("limit")
                    @DefaultValue("50")
                    int limit,
            @Parameter(description = "skim.frames.dlq or skim.tokens.dlq; both by default")
                    @QueryParam("topic")
                    String topic,
            @Context HttpHeaders headers) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemKind.BAD_REQUEST.exception(
                    "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        List<String> topics = DeadLetterReader.TOPICS;
        if (topic != null && !topic.isBlank()) {
            if (!topics.contains(topic)) {
                throw ProblemKind.BAD_REQUEST.exception(
                        "unknown dead-letter topic '" + topic + "'; use one of " + topics);
            }
            topics = List.of(topic);
        }
        boolean all = seesAll(headers);
        Predicate<String> readable = keys.readable(headers);
        List<DeadLetterView> records;
        try {
            records = reader.latest(topics, limit);
        } catch (KafkaException e) {
            LOG.infof("dead letters of %s could not be read: %s", topics, e.toString());
            throw ProblemKind.SERVICE_UNAVAILABLE.exception(
                    "the dead-letter topics " + topics + " could not be read: " + e.getMessage());
        }
        List<DeadLetterView> shown =
                records.stream()
                        .filter(d -> all || (d.streamId() != null && readable.test(d.streamId())))
                        .limit(limit)
                        .toList();
        return new DeadLetters(topics, limit, all ? "all" : "readable-streams", shown);
    }

    private boolean seesAll(HttpHeaders headers) {
        if (!keys.enabled()) {
            return true;
        }
        Optional<ApiKeys.Key> key = keys.authenticate(ApiKeys.presented(headers));
        return key.isPresent()
                && key.get().streams().stream().anyMatch(p -> p.pattern().equals(".*"));
    }
}
