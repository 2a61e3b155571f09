package dev.skim.eval;

/**
 * Log levels for the CLI (slf4j-simple reads system properties at its first use, so this runs
 * before any logger is created): warnings only unless -v, on stderr, so stdout is the table.
 */
final class LogSetup {
    private LogSetup() {}

    static void configure(String[] args) {
        boolean verbose =
                java.util.Arrays.stream(args)
                        .anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
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
