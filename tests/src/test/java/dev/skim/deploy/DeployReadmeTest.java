package dev.skim.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** deploy/README.md's sizing table names the chains and retentions the apps are configured with. */
class DeployReadmeTest {

    private static final String README = "deploy/README.md";

    private static String row(String tier) {
        return Repo.read(README)
                .lines()
                .filter(l -> l.startsWith("| " + tier + " |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + tier + " row in " + README));
    }

    @Test
    void shouldSizeMemoryWithTheConfiguredChainsAndRetentions() {
        Properties compressor = Repo.applicationProperties("compressor");
        Properties bridge = Repo.applicationProperties("llm-bridge");
        assertThat(row("FAST"))
                .contains("`" + compressor.getProperty("skim.compressor.fast.chain") + "`")
                .contains("`" + bridge.getProperty("skim.bridge.memory.fast-retention") + "`");
        assertThat(row("SLOW"))
                .contains("`" + compressor.getProperty("skim.compressor.slow.chain") + "`")
                .contains("`" + bridge.getProperty("skim.bridge.memory.slow-retention") + "`");
        assertThat(row("FRAME"))
                .contains("`" + bridge.getProperty("skim.bridge.memory.frame-retention") + "`");
        assertThat(row("keyframes"))
                .contains("`" + bridge.getProperty("skim.bridge.memory.keyframe-retention") + "`");
        assertThat(Repo.read(README))
                .contains(
                        compressor.getProperty("skim.compressor.window.size").replace("s", " s")
                                + " windows")
                .contains(compressor.getProperty("skim.compressor.precision"));
    }

    @Test
    void shouldNameThePartitionCountOfTheManifests() {
        assertThat(Repo.read(README))
                .contains("use " + KubernetesManifestsTest.partitions())
                .contains("at most " + KubernetesManifestsTest.partitions() + " replicas");
    }
}
