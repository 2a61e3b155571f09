package dev.skim.video.cli;

import dev.skim.video.FrameSourceException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** The picocli set-up every Skim command-line tool shares. */
public final class Cli {

    private Cli() {}

    /**
     * A command line for {@code command} whose help lists {@code exitCodes} (in their order, with
     * the tool's wording), and which turns what {@code call()} throws into an exit code: a {@link
     * CliException} or a {@link FrameSourceException} prints {@code "TOOL: message"} on stderr and
     * exits with its code ({@link ExitCode#of}); anything else prints {@code "TOOL: unexpected
     * error: ..."} and exits {@link ExitCode#FAILED}.
     *
     * @param tool the name the tool's messages start with, e.g. {@code skim-eval}
     */
    public static CommandLine commandLine(
            Object command, String tool, Map<ExitCode, String> exitCodes) {
        CommandLine cli = new CommandLine(command);
        Map<String, String> help = new LinkedHashMap<>();
        exitCodes.forEach((code, meaning) -> help.put(String.valueOf(code.code()), meaning));
        cli.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(help);
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    PrintWriter err = commandLine.getErr();
                    ExitCode code;
                    if (e instanceof CliException c) {
                        code = c.exitCode();
                        err.println(tool + ": " + e.getMessage());
                    } else if (e instanceof FrameSourceException s) {
                        code = ExitCode.of(s.reason());
                        err.println(tool + ": " + e.getMessage());
                    } else {
                        code = ExitCode.FAILED;
                        err.println(tool + ": unexpected error: " + e);
                    }
                    err.flush();
                    return code.code();
                });
        return cli;
    }
}
