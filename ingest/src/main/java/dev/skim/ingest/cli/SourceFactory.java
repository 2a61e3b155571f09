package dev.skim.ingest.cli;

import dev.skim.video.FrameSource;
import dev.skim.video.FrameSourceException;
import dev.skim.video.source.CameraSource;
import dev.skim.video.source.ImageFolderSource;
import dev.skim.video.source.NetworkOptions;
import dev.skim.video.source.NetworkStreamSource;
import dev.skim.video.source.StreamUrl;
import dev.skim.video.source.UrlMasking;
import dev.skim.video.source.VideoFileSource;
import dev.skim.video.synthetic.SyntheticSpec;
import dev.skim.video.synthetic.SyntheticVideoSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a source argument into a {@link FrameSource}: a video file, a folder of images, {@code
 * synthetic:...}, {@code camera:DEVICE}, or a network URL.
 */
final class SourceFactory {

    /** What kind of source an argument names. */
    enum Kind {
        FILE,
        FOLDER,
        SYNTHETIC,
        CAMERA,
        NETWORK
    }

    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    private final NetworkOptions network;
    private final String credentials;
    private final double folderFps;

    SourceFactory(NetworkOptions network, String credentials, double folderFps) {
        this.network = network;
        this.credentials = credentials;
        this.folderFps = folderFps;
    }

    static Kind kindOf(String spec) {
        if (spec.startsWith("synthetic:")) {
            return Kind.SYNTHETIC;
        }
        if (spec.startsWith("camera:")) {
            return Kind.CAMERA;
        }
        if (URL.matcher(spec).matches() && !spec.toLowerCase(Locale.ROOT).startsWith("file://")) {
            return Kind.NETWORK;
        }
        return Files.isDirectory(localPath(spec)) ? Kind.FOLDER : Kind.FILE;
    }

    /**
     * Opens the source.
     *
     * @throws FrameSourceException with a reason the CLI maps to an exit code
     */
    FrameSource open(String spec) {
        return switch (kindOf(spec)) {
            case SYNTHETIC -> SyntheticVideoSource.of(SyntheticSpec.parse(spec));
            case CAMERA -> CameraSource.open(spec.substring("camera:".length()), 0, 0, 0);
            case NETWORK ->
                    NetworkStreamSource.open(StreamUrl.parse(spec, credentials, network), network);
            case FOLDER -> ImageFolderSource.open(localPath(spec), folderFps);
            case FILE -> VideoFileSource.open(localPath(spec));
        };
    }

    /** A stream id derived from the source: file or folder name, host and path, camera device. */
    static String defaultStreamId(String spec) {
        String raw =
                switch (kindOf(spec)) {
                    case SYNTHETIC -> "synthetic";
                    case CAMERA ->
                            "camera-" + Path.of(spec.substring("camera:".length())).getFileName();
                    case NETWORK -> networkName(spec);
                    case FOLDER, FILE ->
                            stripExtension(
                                    localPath(spec).toAbsolutePath().normalize().getFileName());
                };
        String clean = raw.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return clean.isEmpty() ? "stream" : clean;
    }

    private static String networkName(String spec) {
        try {
            URI uri = new URI(spec);
            String path = uri.getPath() == null ? "" : uri.getPath();
            return uri.getHost() + path;
        } catch (java.net.URISyntaxException e) {
            return UrlMasking.mask(spec);
        }
    }

    private static String stripExtension(Path name) {
        String text = name == null ? "" : name.toString();
        int dot = text.lastIndexOf('.');
        return dot > 0 ? text.substring(0, dot) : text;
    }

    private static Path localPath(String spec) {
        return spec.toLowerCase(Locale.ROOT).startsWith("file://")
                ? Path.of(URI.create(spec))
                : Path.of(spec);
    }
}
