package dev.skim.video;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Writes small test videos: from the synthetic generator (MPEG-4 part 2), or H.264 from vtest. */
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

    /**
     * The first {@code frames} frames of {@code source} (vtest.avi: 10 fps) at half size as H.264
     * in MP4, a keyframe every 25 frames; with {@code moovFirst} the index (moov box) is written
     * before the media data ("faststart"), otherwise after it, as a camera recording is. Skips the
     * test when this FFmpeg build has no H.264 encoder.
     */
    public static Path h264Mp4(Path source, Path file, int frames, boolean moovFirst)
            throws Exception {
        assumeTrue(
                avcodec.avcodec_find_encoder(avcodec.AV_CODEC_ID_H264) != null,
                "Skipped: this FFmpeg build has no H.264 encoder");
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.start();
            try (FFmpegFrameRecorder recorder =
                    new FFmpegFrameRecorder(
                            file.toFile(),
                            grabber.getImageWidth() / 2,
                            grabber.getImageHeight() / 2)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(grabber.getFrameRate());
                recorder.setGopSize(25);
                recorder.setVideoBitrate(400_000);
                if (moovFirst) {
                    recorder.setOption("movflags", "faststart");
                }
                recorder.start();
                int written = 0;
                for (Frame f = grabber.grabImage();
                        f != null && written < frames;
                        f = grabber.grabImage()) {
                    recorder.record(f);
                    written++;
                }
                recorder.stop();
            }
        }
        return file;
    }
}
