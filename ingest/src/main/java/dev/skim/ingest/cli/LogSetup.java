package dev.skim.ingest.cli;

/**
 * Log levels for Skim's command-line tools (slf4j-simple reads system properties at its first use,
 * so call this before any logger is created): warnings only unless -v, on stderr, so stdout stays
 * the tool's output. Kafka's client warnings repeat every second while a broker is down; the CLI
 * reports that failure itself.
 */
public final class LogSetup {

    private LogSetup() {}

    /** Sets the log properties the user has not set, from the command-line arguments. */
    public static void configure(String[] args) {
        boolean verbose =
                java.util.Arrays.stream(args)
                        .anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", verbose ? "warn" : "error");
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
