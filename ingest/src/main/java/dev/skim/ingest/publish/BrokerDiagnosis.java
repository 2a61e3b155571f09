package dev.skim.ingest.publish;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * After a producer timeout, finds out which of the two usual causes it was: no broker answers, or
 * the broker answers but the topic does not exist (auto-creation is off in Skim's clusters).
 */
final class BrokerDiagnosis {

    private static final long TIMEOUT_MS = 5_000;
    private static final Set<String> PRODUCER_ONLY =
            Set.of(
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ProducerConfig.ACKS_CONFIG,
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG,
                    ProducerConfig.LINGER_MS_CONFIG,
                    ProducerConfig.BATCH_SIZE_CONFIG,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                    ProducerConfig.CLIENT_ID_CONFIG);

    private BrokerDiagnosis() {}

    /** A sentence saying what is wrong, for an error message. */
    static String explain(Map<String, Object> producerConfig, String topic) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.keySet().removeAll(PRODUCER_ONLY);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "skim-ingest-diagnosis");
        try (Admin admin = Admin.create(config)) {
            Set<String> topics =
                    admin.listTopics(new ListTopicsOptions().timeoutMs((int) TIMEOUT_MS))
                            .names()
                            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return topics.contains(topic)
                    ? "the broker answers and topic "
                            + topic
                            + " exists, but did not accept records in time (overloaded broker or too few in-sync replicas?)"
                    : "the broker answers but topic "
                            + topic
                            + " does not exist; create it (Skim does not rely on auto-creation)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the broker is unreachable or topic " + topic + " does not exist";
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return "no broker answered: check the address, that Kafka is running, and the network";
        }
    }
}
