package dev.skim.bridge.api;

import java.util.ArrayList;
import java.util.List;

/** Parses a complete {@code text/event-stream} body into events. */
final class ServerSentEvents {
    private ServerSentEvents() {}

    /**
     * An event.
     *
     * @param name the event name ({@code message} when none was given)
     * @param data the data lines joined by newlines
     */
    record Event(String name, String data) {}

    static List<Event> parse(String text) {
        List<Event> out = new ArrayList<>();
        String name = null;
        StringBuilder data = null;
        for (String line : (text + "\n\n").split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    out.add(new Event(name == null ? "message" : name, data.toString()));
                }
                name = null;
                data = null;
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String d = line.substring(5);
                d = d.startsWith(" ") ? d.substring(1) : d;
                data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
            }
        }
        return out;
    }
}
