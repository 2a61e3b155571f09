package dev.skim.eval;

/** Exit codes of {@code skim eval}; each failure a user can act on has its own. */
public enum ExitCode {
    OK(0, "evaluation written"),
    FAILED(1, "unexpected error"),
    USAGE(2, "bad arguments: unknown chain operator, bad budget, bad option"),
    SOURCE_NOT_FOUND(3, "the video file or an image file does not exist or cannot be read"),
    UNSUPPORTED_FORMAT(4, "the input is not a video FFmpeg can decode");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** Lines for the help's exit code section ({@code code:meaning}). */
    static String[] helpLines() {
        ExitCode[] values = values();
        String[] lines = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            lines[i] = values[i].code + ":" + values[i].meaning;
        }
        return lines;
    }
}
