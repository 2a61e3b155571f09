package dev.skim.video.synthetic;

import dev.skim.video.FrameSourceException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parameters of a synthetic video. The same spec always gives the same frames.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param fps frames per second (presentation time of frame i = round(i * 1000 / fps))
 * @param frames number of frames
 * @param seed random seed for shapes, colours, cuts and events
 * @param scenes number of scenes (scenes - 1 hard cuts)
 * @param events number of planted events (an object that appears at a known time and place)
 */
public record SyntheticSpec(
        int width, int height, double fps, int frames, long seed, int scenes, int events) {

    /** 640x360, 10 fps, 300 frames, seed 42, 3 scenes, 4 events. */
    public static final SyntheticSpec DEFAULT = new SyntheticSpec(640, 360, 10, 300, 42, 3, 4);

    public SyntheticSpec {
        require(width >= 32 && width <= 7680, "width must be in 32..7680, was " + width);
        require(height >= 32 && height <= 4320, "height must be in 32..4320, was " + height);
        require(fps > 0 && fps <= 240, "fps must be in (0, 240], was " + fps);
        require(frames >= 1, "frames must be >= 1, was " + frames);
        require(scenes >= 1 && scenes <= frames, "scenes must be in 1..frames, was " + scenes);
        require(events >= 0, "events must be >= 0, was " + events);
        require(
                events == 0 || frames / events >= 2,
                "too many events (" + events + ") for " + frames + " frames");
    }

    /**
     * Parses {@code synthetic:} or {@code synthetic:frames=300,fps=10,size=640x360,seed=42,
     * scenes=3,events=4}; keys left out keep their {@link #DEFAULT} (scenes and events at most what
     * the frames can hold).
     *
     * @throws FrameSourceException INVALID_CONFIG naming the bad key or value
     */
    public static SyntheticSpec parse(String spec) {
        String body = spec.startsWith("synthetic:") ? spec.substring("synthetic:".length()) : spec;
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : body.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw invalid(spec, "expected key=value, got '" + part + "'");
            }
            values.put(
                    part.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                    part.substring(eq + 1).trim());
        }
        SyntheticSpec d = DEFAULT;
        int width = d.width();
        int height = d.height();
        String size = values.remove("size");
        try {
            if (size != null) {
                String[] wh = size.toLowerCase(Locale.ROOT).split("x");
                if (wh.length != 2) {
                    throw invalid(spec, "size must be WIDTHxHEIGHT, got '" + size + "'");
                }
                width = Integer.parseInt(wh[0]);
                height = Integer.parseInt(wh[1]);
            }
            double fps = Double.parseDouble(values.getOrDefault("fps", String.valueOf(d.fps())));
            int frames =
                    Integer.parseInt(values.getOrDefault("frames", String.valueOf(d.frames())));
            long seed = Long.parseLong(values.getOrDefault("seed", String.valueOf(d.seed())));
            int scenes =
                    Integer.parseInt(values.getOrDefault("scenes", String.valueOf(d.scenes())));
            // Left out, events shrink to what a short video can hold.
            int events =
                    values.containsKey("events")
                            ? Integer.parseInt(values.get("events"))
                            : Math.min(d.events(), frames / 2);
            values.keySet()
                    .removeAll(java.util.Set.of("fps", "frames", "seed", "scenes", "events"));
            if (!values.isEmpty()) {
                throw invalid(
                        spec,
                        "unknown key(s) "
                                + values.keySet()
                                + "; known: size, fps, frames, seed, scenes, events");
            }
            return new SyntheticSpec(
                    width, height, fps, frames, seed, Math.min(scenes, frames), events);
        } catch (NumberFormatException e) {
            throw invalid(spec, "not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw invalid(spec, e.getMessage());
        }
    }

    /** Presentation time of frame {@code index}. */
    public long ptsMillis(int index) {
        return Math.round(index * 1000.0 / fps);
    }

    private static FrameSourceException invalid(String spec, String why) {
        return new FrameSourceException(
                FrameSourceException.Reason.INVALID_CONFIG,
                "Bad synthetic spec '" + spec + "': " + why);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
