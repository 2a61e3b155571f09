package dev.skim.ingest;

import dev.skim.ingest.synthetic.SyntheticSpec;
import dev.skim.ingest.synthetic.SyntheticVideoSource;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Writes small test videos from the synthetic generator (MPEG-4 part 2 video). */
public final class TestVideos {

    private TestVideos() {}

    /**
     * Encodes the synthetic video of {@code spec} into {@code file} with the given container
     * ({@code mpegts}, {@code matroska}, {@code mp4}, ...).
     */
    public static Path write(Path file, String container, SyntheticSpec spec) throws Exception {
        try (FFmpegFrameRecorder recorder =
                        new FFmpegFrameRecorder(file.toFile(), spec.width(), spec.height());
                SyntheticVideoSource source = SyntheticVideoSource.of(spec);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(container);
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(spec.fps());
            recorder.setVideoQuality(4);
            recorder.start();
            for (Optional<SourceFrame> f = source.next(); f.isPresent(); f = source.next()) {
                recorder.record(converter.convert(f.get().image()));
            }
            recorder.stop();
        }
        return file;
    }
}
