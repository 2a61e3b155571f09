package dev.skim.video.cli;

import java.util.Arrays;

/**
 * Log levels for Skim's command-line tools (slf4j-simple reads system properties at its first use,
 * so call this before any logger is created): warnings only unless -v, on stderr, so stdout stays
 * the tool's output.
 */
public final class LogSetup {

    private LogSetup() {}

    /**
     * Sets the log properties the user has not set, from the command-line arguments.
     *
     * @param chattyLoggers loggers that log only errors (warnings with -v), e.g. a client library
     *     that repeats a warning the tool reports itself
     */
    public static void configure(String[] args, String... chattyLoggers) {
        boolean verbose =
                Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        for (String logger : chattyLoggers) {
            setIfAbsent("org.slf4j.simpleLogger.log." + logger, verbose ? "warn" : "error");
        }
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
