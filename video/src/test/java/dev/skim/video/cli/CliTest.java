package dev.skim.video.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.video.FrameSourceException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

class CliTest {

    /** A tool that throws what its argument names. */
    @Command(name = "skim-test", mixinStandardHelpOptions = true)
    static final class Tool implements Callable<Integer> {
        @Parameters String what;
        @Mixin CommonOptions common;

        @Override
        public Integer call() {
            return switch (what) {
                case "usage" -> throw new CliException(ExitCode.USAGE, "bad --budget");
                case "missing" ->
                        throw new FrameSourceException(
                                FrameSourceException.Reason.SOURCE_NOT_FOUND,
                                "Video file not found: x.mp4");
                case "bug" -> throw new IllegalStateException("boom");
                default -> ExitCode.OK.code();
            };
        }
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        Map<ExitCode, String> codes = new LinkedHashMap<>();
        codes.put(ExitCode.OK, "done");
        codes.put(ExitCode.USAGE, "bad arguments");
        CommandLine cli = Cli.commandLine(new Tool(), "skim-test", codes);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // not auto-flushing: the handler must flush what it prints
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldPrintACliExceptionAndExitWithItsCode() {
        Run r = run("usage");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("skim-test: bad --budget" + System.lineSeparator());
    }

    @Test
    void shouldExitWithTheCodeOfASourceFailure() {
        Run r = run("missing");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("skim-test: Video file not found: x.mp4");
    }

    @Test
    void shouldReportAnythingElseAsAnUnexpectedErrorWithExitCode1() {
        Run r = run("bug");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("skim-test: unexpected error: java.lang.IllegalStateException: boom");
    }

    @Test
    void shouldListTheToolsExitCodesAndCommonOptionsInTheHelp() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("Exit codes:")
                .contains("done")
                .contains("bad arguments")
                .contains("--no-progress")
                .contains("--verbose");
    }

    @Test
    void shouldMapEverySourceFailureToAnExitCode() {
        assertThat(ExitCode.of(FrameSourceException.Reason.SOURCE_NOT_FOUND).code()).isEqualTo(3);
        assertThat(ExitCode.of(FrameSourceException.Reason.UNSUPPORTED_FORMAT).code()).isEqualTo(4);
        assertThat(ExitCode.of(FrameSourceException.Reason.NOT_ALLOWED).code()).isEqualTo(6);
        assertThat(ExitCode.of(FrameSourceException.Reason.SOURCE_UNAVAILABLE).code()).isEqualTo(7);
        assertThat(ExitCode.of(FrameSourceException.Reason.INVALID_CONFIG))
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void shouldParseDurationsInSecondsMillisMinutesAndIso() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> c.convert("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'soon' is not a duration");
    }
}
