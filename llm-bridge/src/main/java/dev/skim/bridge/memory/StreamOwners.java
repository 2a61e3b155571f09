package dev.skim.bridge.memory;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds the instance that holds a stream (the active task of the stream's partition), with Kafka
 * Streams' metadata and each instance's advertised {@code application.server} ({@code
 * quarkus.kafka-streams.application-server}, host:port of its HTTP API).
 *
 * <p>Whether a stream is local is decided by this instance's own active tasks, not by comparing
 * host names, so a wrong or missing advertised address can never make an instance forward a request
 * to itself.
 */
@ApplicationScoped
public class StreamOwners {

    private final KafkaStreams streams;

    StreamOwners(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The instance that holds {@code streamId}.
     *
     * @throws InvalidStateStoreException while ownership is unknown (starting, rebalancing)
     */
    public Owner of(String streamId) {
        KeyQueryMetadata md =
                streams.queryMetadataForKey(
                        MemoryTopology.STATS_STORE, streamId, Serdes.String().serializer());
        if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md)) {
            throw new InvalidStateStoreException(
                    "the owner of stream '" + streamId + "' is not known yet");
        }
        if (localPartitions().stream().anyMatch(tp -> tp.partition() == md.partition())) {
            return new Owner.Local();
        }
        HostInfo active = md.activeHost();
        if (active == null || active.port() <= 0) {
            throw new InvalidStateStoreException(
                    "stream '"
                            + streamId
                            + "' is held by another instance that advertises no address"
                            + " (set quarkus.kafka-streams.application-server on every instance)");
        }
        return new Owner.Remote(active.host(), active.port());
    }

    /** The other instances that hold streams (for listing all streams). */
    public List<Owner.Remote> others() {
        Set<TopicPartition> local = localPartitions();
        return streams.metadataForAllStreamsClients().stream()
                .filter(m -> !m.topicPartitions().isEmpty())
                .filter(m -> !m.topicPartitions().equals(local))
                .map(StreamsMetadata::hostInfo)
                .filter(h -> h.port() > 0)
                .distinct()
                .map(h -> new Owner.Remote(h.host(), h.port()))
                .toList();
    }

    /**
     * True when this instance runs but holds no partition at all (more instances than partitions,
     * or a standby): it has no stores to read, and nothing to list.
     */
    public boolean holdsNothing() {
        return streams.state() == KafkaStreams.State.RUNNING && localPartitions().isEmpty();
    }

    private Set<TopicPartition> localPartitions() {
        return streams.metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream())
                .flatMap(t -> t.topicPartitions().stream())
                .collect(Collectors.toSet());
    }
}
