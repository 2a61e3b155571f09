package dev.skim.testkit;

import dev.skim.schemas.Topics;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one real in-process {@link KafkaBroker} per test class, with Skim's
 * topics created (4 partitions each), and injects it into test methods, constructors and lifecycle
 * methods that declare a {@code KafkaBroker} parameter.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class MyIT {
 *     @Test
 *     void shouldDoSomething(KafkaBroker broker) { ... broker.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    /** Partitions of every Skim topic created by the extension. */
    public static final int PARTITIONS = 4;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        KafkaBroker broker = KafkaBroker.start();
        broker.createTopics(PARTITIONS, Topics.defaults().names());
        context.getStore(NAMESPACE).put(KafkaBroker.class, broker);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        KafkaBroker broker =
                context.getStore(NAMESPACE).remove(KafkaBroker.class, KafkaBroker.class);
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KafkaBroker broker = findBroker(context);
        if (broker == null) {
            throw new IllegalStateException(
                    "No Kafka broker: is the class annotated with"
                            + " @ExtendWith(KafkaBrokerExtension.class)?");
        }
        return broker;
    }

    private static KafkaBroker findBroker(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            KafkaBroker broker = c.getStore(NAMESPACE).get(KafkaBroker.class, KafkaBroker.class);
            if (broker != null) {
                return broker;
            }
        }
        return null;
    }
}
