package dev.skim.video.synthetic;

import dev.skim.video.synthetic.GroundTruth.Box;
import dev.skim.video.synthetic.GroundTruth.PlantedEvent;
import dev.skim.video.synthetic.GroundTruth.SceneCut;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Everything random about a synthetic video, drawn once from the seed. */
final class SyntheticPlan {

    /** A moving shape: position at the scene's first frame, velocity in pixels per frame. */
    record Shape(boolean oval, int size, double x0, double y0, double vx, double vy, int rgb) {}

    /** One scene: frames [firstFrame, next scene's firstFrame), a background and shapes. */
    record Scene(int firstFrame, int topRgb, int bottomRgb, List<Shape> shapes) {}

    private static final int[] EVENT_COLOURS = {0xE53935, 0x1E88E5, 0xFDD835, 0x43A047, 0x8E24AA};

    private final SyntheticSpec spec;
    private final List<Scene> scenes;
    private final List<PlantedEvent> events;

    SyntheticPlan(SyntheticSpec spec) {
        this.spec = spec;
        SplittableRandom random = new SplittableRandom(spec.seed());
        this.scenes = planScenes(spec, random.split());
        this.events = planEvents(spec, random.split());
    }

    private static List<Scene> planScenes(SyntheticSpec spec, SplittableRandom random) {
        List<Scene> scenes = new ArrayList<>();
        for (int s = 0; s < spec.scenes(); s++) {
            int first = (int) ((long) s * spec.frames() / spec.scenes());
            List<Shape> shapes = new ArrayList<>();
            int count = 3 + random.nextInt(4);
            int minSide = Math.min(spec.width(), spec.height());
            for (int k = 0; k < count; k++) {
                int size = Math.max(6, minSide / 12 + random.nextInt(Math.max(1, minSide / 8)));
                shapes.add(
                        new Shape(
                                random.nextBoolean(),
                                size,
                                random.nextDouble() * (spec.width() - size),
                                random.nextDouble() * (spec.height() - size),
                                (random.nextDouble() * 2 - 1) * spec.width() / 80.0,
                                (random.nextDouble() * 2 - 1) * spec.height() / 80.0,
                                muted(random)));
            }
            scenes.add(new Scene(first, muted(random), muted(random), List.copyOf(shapes)));
        }
        return List.copyOf(scenes);
    }

    /** Events do not overlap in time: event k lives inside slot k of the timeline. */
    private static List<PlantedEvent> planEvents(SyntheticSpec spec, SplittableRandom random) {
        List<PlantedEvent> events = new ArrayList<>();
        if (spec.events() == 0) {
            return events;
        }
        int slot = spec.frames() / spec.events();
        int side = Math.max(16, Math.min(spec.width(), spec.height()) / 5) / 8 * 8;
        for (int k = 0; k < spec.events(); k++) {
            int maxLength = Math.max(1, slot / 2);
            int length = 1 + random.nextInt(maxLength);
            int first = k * slot + random.nextInt(slot - length + 1);
            int last = first + length - 1;
            int x = random.nextInt(Math.max(1, spec.width() - side + 1));
            int y = random.nextInt(Math.max(1, spec.height() - side + 1));
            events.add(
                    new PlantedEvent(
                            "event-" + k,
                            "checker-square",
                            first,
                            last,
                            spec.ptsMillis(first),
                            spec.ptsMillis(last),
                            new Box(x, y, side, side),
                            EVENT_COLOURS[k % EVENT_COLOURS.length]));
        }
        return List.copyOf(events);
    }

    /** Mid-tone colours, so that event colours and white stand out against them. */
    private static int muted(SplittableRandom random) {
        int r = 60 + random.nextInt(110);
        int g = 60 + random.nextInt(110);
        int b = 60 + random.nextInt(110);
        return (r << 16) | (g << 8) | b;
    }

    SyntheticSpec spec() {
        return spec;
    }

    Scene sceneAt(int frame) {
        Scene current = scenes.get(0);
        for (Scene scene : scenes) {
            if (scene.firstFrame() <= frame) {
                current = scene;
            }
        }
        return current;
    }

    List<PlantedEvent> events() {
        return events;
    }

    GroundTruth groundTruth() {
        List<SceneCut> cuts = new ArrayList<>();
        for (Scene scene : scenes.subList(1, scenes.size())) {
            cuts.add(new SceneCut(scene.firstFrame(), spec.ptsMillis(scene.firstFrame())));
        }
        return new GroundTruth(spec, cuts, events);
    }
}
