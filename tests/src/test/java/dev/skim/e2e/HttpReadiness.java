package dev.skim.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a child process's HTTP endpoint, for the tests that start packaged apps. */
public final class HttpReadiness {

    private HttpReadiness() {}

    /**
     * Polls {@code url} every 250 ms until it answers 200; fails early, with the log tail, if the
     * process exits, and with the log tail after the timeout.
     */
    public static void await(
            Process process, String name, String url, Duration timeout, Supplier<String> tail) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + "; log:\n" + tail.get());
            }
            try {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleepQuietly();
        }
        throw new IllegalStateException(
                name + " not ready after " + timeout + "; log:\n" + tail.get());
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
