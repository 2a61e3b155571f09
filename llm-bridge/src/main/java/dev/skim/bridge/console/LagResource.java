package dev.skim.bridge.console;

import dev.skim.bridge.api.Forwarder;
import dev.skim.bridge.api.ProblemKind;
import dev.skim.bridge.memory.MemoryTopology;
import dev.skim.schemas.Topics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * How far the bridge is behind on a stream: the records of the stream's input partitions that the
 * instance holding it has not read yet (its consumer's {@code records-lag}; a partition carries
 * other streams too).
 */
@Path("/v1/streams/{id}/lag")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "streams")
public class LagResource {

    private static final List<String> INPUTS = List.of(Topics.TOKENS, Topics.KEYFRAMES);

    private final KafkaStreams streams;
    private final Forwarder forwarder;

    LagResource(KafkaStreams streams, Forwarder forwarder) {
        this.streams = streams;
        this.forwarder = forwarder;
    }

    /**
     * The answer.
     *
     * @param streamId the stream
     * @param partition the input partition that carries it
     * @param records per input topic, records not read yet, or null while not measured
     */
    public record Lag(String streamId, int partition, Map<String, Long> records) {}

    /** Records of the stream's input partitions not yet read by the instance that holds it. */
    @GET
    @Operation(
            summary = "Input lag of a stream's partitions",
            description =
                    "Records of skim.tokens and skim.keyframes in the stream's partition that the"
                            + " instance holding it has not read yet (null until measured)")
    public Response get(
            @PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forwarder.answerGet(id, uri, headers, () -> Response.ok(here(id)).build());
    }

    private Lag here(String id) {
        KeyQueryMetadata md =
                streams.queryMetadataForKey(
                        MemoryTopology.STATS_STORE, id, Serdes.String().serializer());
        if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md)) {
            throw ProblemKind.SERVICE_UNAVAILABLE.exception(
                    "the partition of stream '" + id + "' is not known yet");
        }
        Map<String, Long> records = new LinkedHashMap<>();
        INPUTS.forEach(t -> records.put(t, null));
        String partition = String.valueOf(md.partition());
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            String topic = n.tags().get("topic");
            if (n.name().equals("records-lag")
                    && n.group().equals("consumer-fetch-manager-metrics")
                    && INPUTS.contains(topic)
                    && partition.equals(n.tags().get("partition"))
                    && e.getValue().metricValue() instanceof Double lag
                    && !lag.isNaN()) {
                records.merge(topic, Math.round(lag), Math::max);
            }
        }
        return new Lag(id, md.partition(), records);
    }
}
