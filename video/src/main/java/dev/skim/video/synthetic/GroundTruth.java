package dev.skim.video.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a synthetic video contains, written beside it as JSON so that tests and benchmarks can check
 * what the pipeline kept.
 *
 * @param spec the parameters that produced the video
 * @param sceneCuts the first frame of every scene after the first
 * @param events the planted events, in time order
 */
public record GroundTruth(SyntheticSpec spec, List<SceneCut> sceneCuts, List<PlantedEvent> events) {

    public GroundTruth {
        sceneCuts = List.copyOf(sceneCuts);
        events = List.copyOf(events);
    }

    /**
     * A hard cut: a new background and new shapes from this frame on.
     *
     * @param frame index of the first frame of the new scene
     * @param ptsMillis its presentation time
     */
    public record SceneCut(int frame, long ptsMillis) {}

    /**
     * A box in pixels, in the frame's coordinates at the generated size.
     *
     * @param x left edge
     * @param y top edge
     * @param width width
     * @param height height
     */
    public record Box(int x, int y, int width, int height) {}

    /**
     * An object that is on screen, still, from {@code firstFrame} to {@code lastFrame} (inclusive),
     * and nowhere else.
     *
     * @param id stable id ({@code event-0}, {@code event-1}, ...)
     * @param kind what the object looks like ({@code checker-square})
     * @param firstFrame first frame index showing it
     * @param lastFrame last frame index showing it
     * @param startMillis presentation time of the first frame
     * @param endMillis presentation time of the last frame
     * @param box where it is
     * @param rgb its main colour as 0xRRGGBB
     */
    public record PlantedEvent(
            String id,
            String kind,
            int firstFrame,
            int lastFrame,
            long startMillis,
            long endMillis,
            Box box,
            int rgb) {

        /** Whether the event is on screen in the given frame. */
        public boolean visibleAt(int frame) {
            return frame >= firstFrame && frame <= lastFrame;
        }
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes this ground truth as JSON. */
    public void writeJson(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write ground truth to " + file, e);
        }
    }

    /** Reads ground truth written by {@link #writeJson}. */
    public static GroundTruth readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), GroundTruth.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read ground truth from " + file, e);
        }
    }
}
