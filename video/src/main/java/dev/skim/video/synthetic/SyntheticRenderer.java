package dev.skim.video.synthetic;

import dev.skim.video.synthetic.GroundTruth.Box;
import dev.skim.video.synthetic.GroundTruth.PlantedEvent;
import dev.skim.video.synthetic.SyntheticPlan.Scene;
import dev.skim.video.synthetic.SyntheticPlan.Shape;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Draws frame i of a plan; pure function of (plan, i), no anti-aliasing, so bit-exact. */
final class SyntheticRenderer {

    private final SyntheticPlan plan;

    SyntheticRenderer(SyntheticPlan plan) {
        this.plan = plan;
    }

    BufferedImage render(int frame) {
        SyntheticSpec spec = plan.spec();
        BufferedImage image =
                new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_DITHERING, RenderingHints.VALUE_DITHER_DISABLE);
            Scene scene = plan.sceneAt(frame);
            g.setPaint(
                    new GradientPaint(
                            0,
                            0,
                            new Color(scene.topRgb()),
                            0,
                            spec.height(),
                            new Color(scene.bottomRgb())));
            g.fillRect(0, 0, spec.width(), spec.height());
            int t = frame - scene.firstFrame();
            for (Shape shape : scene.shapes()) {
                drawShape(g, shape, t, spec);
            }
            for (PlantedEvent event : plan.events()) {
                if (event.visibleAt(frame)) {
                    drawChecker(g, event);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawShape(Graphics2D g, Shape shape, int t, SyntheticSpec spec) {
        int x = bounce(shape.x0() + shape.vx() * t, spec.width() - shape.size());
        int y = bounce(shape.y0() + shape.vy() * t, spec.height() - shape.size());
        g.setColor(new Color(shape.rgb()));
        if (shape.oval()) {
            g.fillOval(x, y, shape.size(), shape.size());
        } else {
            g.fillRect(x, y, shape.size(), shape.size());
        }
    }

    /** Reflects a coordinate into [0, max] as if the shape bounced off the edges. */
    static int bounce(double position, int max) {
        if (max <= 0) {
            return 0;
        }
        double period = 2.0 * max;
        double p = position % period;
        if (p < 0) {
            p += period;
        }
        return (int) Math.round(p <= max ? p : period - p);
    }

    private static void drawChecker(Graphics2D g, PlantedEvent event) {
        Box box = event.box();
        int cell = Math.max(8, box.width() / 4);
        Color colour = new Color(event.rgb());
        for (int y = 0; y < box.height(); y += cell) {
            for (int x = 0; x < box.width(); x += cell) {
                boolean dark = ((x / cell) + (y / cell)) % 2 == 0;
                g.setColor(dark ? colour : Color.WHITE);
                g.fillRect(
                        box.x() + x,
                        box.y() + y,
                        Math.min(cell, box.width() - x),
                        Math.min(cell, box.height() - y));
            }
        }
    }
}
