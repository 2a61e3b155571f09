package dev.skim.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.schemas.Topics;
import dev.skim.testkit.KafkaBroker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Liveness tells the truth under rebalances (DESIGN.md section 10): one packaged app's {@code
 * /q/health/live} is polled every 50 ms for the whole test, while a second instance of the same app
 * joins the group and leaves it (SIGTERM) three times. Every answer is 200: a probe that said 503
 * here would make Kubernetes restart a healthy instance every time the group changes.
 */
class LivenessUnderRebalanceIT {
    private static final int CYCLES = 3;

    /** An app and what it runs with here. */
    enum App {
        COMPRESSOR("compressor", Map.of("skim.compressor.encoder.name", "classical")),
        BRIDGE("llm-bridge", Map.of());

        final String module;
        final Map<String, String> props;

        App(String module, Map<String, String> props) {
            this.module = module;
            this.props = props;
        }
    }

    private KafkaBroker broker;
    private final List<AppProcess> apps = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        apps.forEach(AppProcess::close);
        if (broker != null) {
            broker.close();
        }
    }

    private AppProcess start(App which) throws IOException {
        Map<String, String> props = new TreeMap<>(which.props);
        // a departed member without a leave-group is noticed in 6 s, not 45
        props.put("kafka-streams.consumer.session.timeout.ms", "6000");
        AppProcess app = AppProcess.start(which.module, broker.bootstrapServers(), props);
        apps.add(app);
        return app;
    }

    private static void awaitState(AppProcess app, String state) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> app.streamsState().equals(state));
    }

    @ParameterizedTest
    @EnumSource(App.class)
    void shouldStayLiveWhileASecondInstanceJoinsAndLeavesThreeTimes(App which) throws Exception {
        broker = KafkaBroker.start();
        // more partitions than one instance's threads need, so that each join moves tasks
        broker.createTopics(4, Topics.defaults().names());
        AppProcess first = start(which);
        awaitState(first, "RUNNING");

        // 1. poll the first instance's liveness every 50 ms, from now to the end
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicLong polls = new AtomicLong();
        List<String> failures = new CopyOnWriteArrayList<>();
        Map<String, AtomicLong> states = new ConcurrentHashMap<>();
        Thread poller =
                new Thread(
                        () -> {
                            while (polling.get()) {
                                polls.incrementAndGet();
                                try {
                                    var r = first.get("/q/health/live");
                                    if (r.statusCode() != 200) {
                                        failures.add(r.statusCode() + " " + r.body());
                                    }
                                    states.computeIfAbsent(
                                                    AppProcess.streamsState(r.body()),
                                                    k -> new AtomicLong())
                                            .incrementAndGet();
                                } catch (IOException e) {
                                    failures.add("no answer: " + e);
                                }
                                try {
                                    Thread.sleep(50);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "liveness-poller");
        poller.setDaemon(true);
        poller.start();

        // 2. a second instance joins (the group rebalances onto both), then leaves (and back)
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            AppProcess second = start(which);
            awaitState(second, "RUNNING");
            awaitState(first, "RUNNING");
            second.close();
            apps.remove(second);
            awaitState(first, "RUNNING");
        }
        polling.set(false);
        poller.join(Duration.ofSeconds(10).toMillis());

        // 3. every answer was 200
        System.out.printf(
                "%s liveness under %d joins and leaves: %d polls, %d not 200, states seen %s%n",
                which.module, CYCLES, polls.get(), failures.size(), new TreeMap<>(states));
        assertThat(polls.get()).isPositive();
        assertThat(failures).isEmpty();
    }
}
