package dev.skim.bridge.search;

import dev.skim.avro.Tag;
import java.util.List;

/**
 * A tag of a keyframe as the API shows it.
 *
 * @param kind {@code OBJECT} or {@code TEXT}
 * @param label COCO class name, or the text read
 * @param score the tagger's confidence, 0..1
 * @param x box left, a fraction of the frame's width
 * @param y box top, a fraction of the frame's height
 * @param w box width, a fraction of the frame's width
 * @param h box height, a fraction of the frame's height
 */
public record TagView(String kind, String label, float score, float x, float y, float w, float h) {

    static TagView of(Tag t) {
        return new TagView(
                t.getKind().name(),
                t.getLabel(),
                Query.round(t.getScore()),
                Query.round(t.getX()),
                Query.round(t.getY()),
                Query.round(t.getW()),
                Query.round(t.getH()));
    }

    /** The API form of a keyframe's tags. */
    public static List<TagView> of(List<Tag> tags) {
        return tags.stream().map(TagView::of).toList();
    }
}
