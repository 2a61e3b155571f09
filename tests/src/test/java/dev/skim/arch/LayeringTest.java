package dev.skim.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the modules (DESIGN.md section 2, issue 19), checked on the compiled main classes
 * of every module: the offline parts ({@code core}, {@code eval}, {@code video}) have no Kafka and
 * no Quarkus, {@code schemas} depends on nothing of ours, and no two packages depend on each other,
 * directly or through others.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.skim");
    }

    @Test
    void shouldSeeTheMainClassesOfEveryModule() {
        for (String name :
                new String[] {
                    "dev.skim.schemas.Topics",
                    "dev.skim.core.compression.Chain",
                    "dev.skim.video.FrameSource",
                    "dev.skim.ingest.publish.FramePublisher",
                    "dev.skim.lifecycle.StreamsShutdown",
                    "dev.skim.compressor.topology.CompressorTopology",
                    "dev.skim.bridge.api.AskResource",
                    "dev.skim.eval.EvalCommand"
                }) {
            assertThat(classes.contain(name)).as("%s is among the classes checked", name).isTrue();
        }
    }

    @Test
    void shouldKeepKafkaAndQuarkusOutOfTheOfflineModules() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.skim.core..", "dev.skim.eval..", "dev.skim.video..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..",
                        "io.quarkus..",
                        "io.smallrye..",
                        "jakarta.enterprise..",
                        "dev.skim.ingest..",
                        "dev.skim.compressor..",
                        "dev.skim.bridge..")
                .because("core, eval and video run offline, on a laptop, without a broker")
                .check(classes);
    }

    @Test
    void shouldKeepTheSchemasFreeOfTheRestOfSkim() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.skim.schemas..", "dev.skim.avro..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.skim.core..",
                        "dev.skim.video..",
                        "dev.skim.ingest..",
                        "dev.skim.compressor..",
                        "dev.skim.bridge..",
                        "dev.skim.eval..",
                        "dev.skim.lifecycle..",
                        "dev.skim.testkit..")
                .because("every part of Skim reads and writes the wire format; it depends on none")
                .check(classes);
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        slices().matching("dev.skim.(**)").should().beFreeOfCycles().check(classes);
    }
}
