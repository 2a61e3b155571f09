package dev.skim.ingest.cli;

import dev.skim.ingest.IngestException;

/** The CLI's exit codes; each failure kind a user can act on has its own. */
enum ExitCode {
    OK(0, "all sources published"),
    FAILED(1, "unexpected error"),
    USAGE(2, "bad arguments or configuration"),
    SOURCE_NOT_FOUND(3, "a file, folder or camera does not exist"),
    UNSUPPORTED_FORMAT(4, "a source is not a video FFmpeg can decode"),
    BROKER_UNREACHABLE(5, "Kafka could not be reached in time"),
    NOT_ALLOWED(6, "a network scheme was not allowed (--allow-scheme)"),
    SOURCE_UNAVAILABLE(7, "a network source failed after all reconnect attempts"),
    DELIVERY_FAILED(8, "Kafka rejected frames"),
    INTERRUPTED(130, "interrupted (Ctrl-C); what was read was flushed");

    final int code;
    final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    static ExitCode of(IngestException.Reason reason) {
        return switch (reason) {
            case SOURCE_NOT_FOUND -> SOURCE_NOT_FOUND;
            case UNSUPPORTED_FORMAT -> UNSUPPORTED_FORMAT;
            case SOURCE_UNAVAILABLE -> SOURCE_UNAVAILABLE;
            case NOT_ALLOWED -> NOT_ALLOWED;
            case BROKER_UNREACHABLE -> BROKER_UNREACHABLE;
            case DELIVERY_FAILED -> DELIVERY_FAILED;
            case INVALID_CONFIG -> USAGE;
        };
    }

    /** Lines for the help's exit code section. */
    static String[] helpLines() {
        ExitCode[] values = values();
        String[] lines = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            lines[i] = values[i].code + ":" + values[i].meaning;
        }
        return lines;
    }
}
