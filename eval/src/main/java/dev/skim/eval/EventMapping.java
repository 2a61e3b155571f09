package dev.skim.eval;

import dev.skim.core.compression.Fidelity;
import dev.skim.video.synthetic.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Turns planted events (source frames, pixel boxes) into {@link Fidelity.Event}s on the evaluated
 * stream: frames shifted by the needles inserted before them, boxes mapped onto the encoder grid
 * (the encoders used here see the whole frame, stretched).
 */
final class EventMapping {
    private EventMapping() {}

    /**
     * @param truth the ground truth
     * @param toStream source frame index to stream index
     * @param sourceFrames frames read from the source; events starting later are left out and
     *     events running past the end are cut
     */
    static List<Fidelity.Event> map(
            GroundTruth truth, IntUnaryOperator toStream, int sourceFrames, int rows, int cols) {
        int width = truth.spec().width();
        int height = truth.spec().height();
        List<Fidelity.Event> out = new ArrayList<>();
        for (GroundTruth.PlantedEvent e : truth.events()) {
            if (e.firstFrame() >= sourceFrames) {
                continue;
            }
            int last = Math.min(e.lastFrame(), sourceFrames - 1);
            GroundTruth.Box b = e.box();
            out.add(
                    new Fidelity.Event(
                            toStream.applyAsInt(e.firstFrame()),
                            toStream.applyAsInt(last),
                            cell(b.y(), height, rows),
                            cell(b.y() + b.height() - 1, height, rows),
                            cell(b.x(), width, cols),
                            cell(b.x() + b.width() - 1, width, cols)));
        }
        return out;
    }

    /** The grid cell (0..cells-1) holding pixel p of a side of size pixels. */
    static int cell(int p, int size, int cells) {
        int c = (int) Math.floor((p + 0.5) * cells / size);
        return Math.max(0, Math.min(cells - 1, c));
    }
}
