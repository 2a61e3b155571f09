package dev.skim.bridge.api;

/** Thrown by resources to answer with a problem-details body. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public Problem problem() {
        return new Problem(
                "https://skim.dev/problems/" + title.toLowerCase().replace(' ', '-'),
                title,
                status,
                getMessage());
    }

    public int status() {
        return status;
    }
}
