package dev.skim.video;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test media (../shared/data); tests that need it skip when it is absent. */
public final class TestData {

    private TestData() {}

    /** ../shared/data/vtest.avi, or skips the test with a message. */
    public static Path vtestAvi() {
        String shared = System.getProperty("skim.shared.dir", "../shared");
        Path file = Path.of(shared, "data", "vtest.avi");
        assumeTrue(
                Files.isRegularFile(file),
                "Skipped: "
                        + file.toAbsolutePath()
                        + " is absent (needs ../shared/data beside the repo)");
        return file;
    }
}
