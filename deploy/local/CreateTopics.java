import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics if they do not exist. Run with Java's source launcher and the broker's jars:
 * {@code java -cp "broker-libs/*" CreateTopics.java <bootstrap> <partitions> <topic>...}
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CreateTopics <bootstrap-servers> <partitions> <topic>...");
            System.exit(2);
        }
        int partitions = Integer.parseInt(args[1]);
        List<String> names = List.of(args).subList(2, args.length);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", args[0]))) {
            var result = admin.createTopics(
                    names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList());
            for (String name : names) {
                try {
                    result.values().get(name).get();
                    System.out.println("created topic " + name + " (" + partitions + " partitions)");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    System.out.println("topic " + name + " exists");
                }
            }
        }
    }
}
