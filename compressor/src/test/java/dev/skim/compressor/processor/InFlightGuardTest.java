package dev.skim.compressor.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InFlightGuardTest {

    /** A process that dies: the guard is dropped without {@link InFlightGuard#close()}. */
    private static InFlightGuard crashWhileIn(Path file, int strikes, long offset) {
        InFlightGuard guard = new InFlightGuard(file, strikes);
        assertThat(guard.enter("skim.frames", 3, offset)).isNull();
        return guard;
    }

    @Test
    void shouldQuarantineARecordThatWasInFlightAtTwoAbnormalExits(@TempDir Path dir) {
        Path file = dir.resolve("in-flight").resolve("0_3");
        crashWhileIn(file, 2, 41);

        InFlightGuard second = new InFlightGuard(file, 2);
        assertThat(second.suspect()).isEqualTo(new InFlightGuard.Suspect("skim.frames", 3, 41, 1));
        assertThat(second.enter("skim.frames", 3, 41)).as("one strike: tried again").isNull();

        InFlightGuard third = new InFlightGuard(file, 2);
        assertThat(third.suspect().exits()).isEqualTo(2);
        assertThat(third.enter("skim.frames", 3, 41))
                .isEqualTo(new InFlightGuard.Suspect("skim.frames", 3, 41, 2));
        assertThat(third.enter("skim.frames", 3, 42)).as("the next record goes on").isNull();
    }

    @Test
    void shouldQuarantineAtTheFirstExitWithOneStrike(@TempDir Path dir) {
        Path file = dir.resolve("0_3");
        crashWhileIn(file, 1, 7);

        InFlightGuard next = new InFlightGuard(file, 1);
        assertThat(next.enter("skim.frames", 3, 7)).isNotNull();
    }

    @Test
    void shouldForgetARecordOnceItLeftNativeCode(@TempDir Path dir) {
        Path file = dir.resolve("0_3");
        InFlightGuard guard = new InFlightGuard(file, 1);
        guard.enter("skim.frames", 3, 7);
        guard.exit();
        // the process dies between two records: no record is to blame

        assertThat(new InFlightGuard(file, 1).suspect()).isNull();
    }

    @Test
    void shouldNotBlameAnotherRecordOrPartition(@TempDir Path dir) {
        Path file = dir.resolve("0_3");
        crashWhileIn(file, 1, 7);

        InFlightGuard next = new InFlightGuard(file, 1);
        assertThat(next.enter("skim.frames", 4, 7)).isNull();
        assertThat(next.enter("skim.frames", 3, 8)).isNull();
    }

    @Test
    void shouldDeleteItsFileOnACleanClose(@TempDir Path dir) {
        Path file = dir.resolve("0_3");
        InFlightGuard guard = new InFlightGuard(file, 2);
        guard.enter("skim.frames", 3, 7);
        guard.close();

        assertThat(Files.exists(file)).isFalse();
        assertThat(new InFlightGuard(file, 2).suspect()).isNull();
    }

    @Test
    void shouldIgnoreAFileItCannotRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("0_3");
        Files.writeString(file, "half a li");

        assertThat(new InFlightGuard(file, 1).suspect()).isNull();
    }
}
