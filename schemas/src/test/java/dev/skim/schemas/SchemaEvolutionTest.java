package dev.skim.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.avro.Frame;
import dev.skim.avro.Keyframe;
import dev.skim.avro.Tag;
import dev.skim.avro.TagKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

/** Old reader with a new writer, and the reverse, over single-object encoding. */
class SchemaEvolutionTest {

    /** Frame v2: today's Frame plus an optional field that a future release might add. */
    static final Schema FRAME_V2 = frameWithNewOptionalField();

    private static Schema frameWithNewOptionalField() {
        Schema v1 = Frame.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : v1.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        Schema optionalString =
                Schema.createUnion(
                        Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        fields.add(
                new Schema.Field("cameraZone", optionalString, "added in v2", Schema.NULL_VALUE));
        return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    }

    /** The test frame as a v2 record, with {@code cameraZone} set. */
    static GenericRecord frameV2(Frame base) {
        GenericRecord v2 = new GenericData.Record(FRAME_V2);
        for (Schema.Field f : Frame.getClassSchema().getFields()) {
            v2.put(f.name(), base.get(f.name()));
        }
        v2.put("capturedAt", base.getCapturedAt().toEpochMilli());
        v2.put(
                "encoding",
                new GenericData.EnumSymbol(
                        FRAME_V2.getField("encoding").schema(), base.getEncoding().name()));
        v2.put("cameraZone", "aisle-3");
        return v2;
    }

    @Test
    void oldReaderShouldReadNewWriterAndIgnoreTheNewField() throws Exception {
        Frame base = SerdeRoundTripTest.frame();
        GenericRecord v2 = frameV2(base);
        ByteBuffer bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), FRAME_V2).encode(v2);

        var oldReader =
                new SingleObjectSerdeFactory().withWriterSchemas(FRAME_V2).serde(Frame.class);
        Frame read = oldReader.deserializer().deserialize("t", toArray(bytes));

        assertThat(read).isEqualTo(base);
    }

    @Test
    void newReaderShouldReadOldWriterAndUseTheDefault() throws Exception {
        Frame old = SerdeRoundTripTest.frame();
        byte[] bytes =
                SerdeFactory.singleObject().serde(Frame.class).serializer().serialize("t", old);

        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(Frame.getClassSchema());
        GenericRecord read =
                new BinaryMessageDecoder<GenericRecord>(GenericData.get(), FRAME_V2, store)
                        .decode(bytes);

        assertThat(read.get("cameraZone")).isNull();
        assertThat(read.get("seq")).isEqualTo(old.getSeq());
        assertThat(read.get("streamId").toString()).isEqualTo(old.getStreamId());
    }

    /** Keyframe as it was before tags (issue 17): today's schema without its last four fields. */
    static final Schema KEYFRAME_UNTAGGED = keyframeWithoutTags();

    private static Schema keyframeWithoutTags() {
        Schema now = Keyframe.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : now.getFields()) {
            if (!List.of("tags", "gridRows", "gridCols", "tagger").contains(f.name())) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(now.getName(), now.getDoc(), now.getNamespace(), false, fields);
    }

    @Test
    void tagsShouldDefaultToNoneWhenAnOldCompressorWroteTheKeyframe() throws Exception {
        GenericRecord old = new GenericData.Record(KEYFRAME_UNTAGGED);
        old.put("streamId", "cam-1");
        old.put("seq", 7L);
        old.put("ptsMillis", 700L);
        old.put("width", 64);
        old.put("height", 48);
        old.put("jpeg", ByteBuffer.wrap(new byte[] {1, 2}));
        ByteBuffer bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), KEYFRAME_UNTAGGED)
                        .encode(old);

        var reader =
                new SingleObjectSerdeFactory()
                        .withWriterSchemas(KEYFRAME_UNTAGGED)
                        .serde(Keyframe.class);
        Keyframe read = reader.deserializer().deserialize("t", toArray(bytes));

        assertThat(read.getSeq()).isEqualTo(7L);
        assertThat(read.getTags()).isEmpty();
        assertThat(read.getGridRows()).isZero();
        assertThat(read.getTagger()).isEmpty();
    }

    @Test
    void anOldBridgeShouldReadATaggedKeyframeAndIgnoreTheTags() throws Exception {
        Tag person =
                new Tag(TagKind.OBJECT, "person", 0.8f, 0.1f, 0.2f, 0.3f, 0.4f, List.of(15, 16));
        Keyframe tagged =
                new Keyframe(
                        "cam-1",
                        7L,
                        700L,
                        64,
                        48,
                        ByteBuffer.wrap(new byte[] {1, 2}),
                        List.of(person),
                        14,
                        14,
                        "nanodet-coco80");
        byte[] bytes =
                SerdeFactory.singleObject()
                        .serde(Keyframe.class)
                        .serializer()
                        .serialize("t", tagged);

        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(Keyframe.getClassSchema());
        GenericRecord read =
                new BinaryMessageDecoder<GenericRecord>(GenericData.get(), KEYFRAME_UNTAGGED, store)
                        .decode(bytes);

        assertThat(read.get("seq")).isEqualTo(7L);
        assertThat(read.getSchema().getField("tags")).isNull();
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
