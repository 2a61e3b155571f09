// Extracts frames of a video as binary PPM (P6) files, resized by FFmpeg's swscale.
// Run as a single-file program with JavaCV and the FFmpeg natives on the class path; see
// extract-frames.sh. Usage: ExtractFrames <video> <outDir> <width> <height> <frame,frame,...>
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

public class ExtractFrames {
    public static void main(String[] args) throws IOException {
        Path outDir = Path.of(args[1]);
        Files.createDirectories(outDir);
        int[] wanted = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).sorted().toArray();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(args[0])) {
            grabber.setImageWidth(Integer.parseInt(args[2]));
            grabber.setImageHeight(Integer.parseInt(args[3]));
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            int index = 0;
            int next = 0;
            Frame frame;
            while (next < wanted.length && (frame = grabber.grabImage()) != null) {
                if (index == wanted[next]) {
                    write(frame, outDir.resolve(String.format("vtest-%03d.ppm", index)));
                    next++;
                }
                index++;
            }
            grabber.stop();
        }
    }

    private static void write(Frame frame, Path file) throws IOException {
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        byte[] row = new byte[w * 3];
        try (OutputStream out = new FileOutputStream(file.toFile())) {
            out.write(("P6\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            for (int y = 0; y < h; y++) {
                pixels.position(y * frame.imageStride);
                pixels.get(row);
                out.write(row);
            }
        }
        System.out.println(file);
    }
}
