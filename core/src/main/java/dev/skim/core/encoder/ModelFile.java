package dev.skim.core.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Where a configured model is: a local file (checked to exist, optionally checksummed), a class
 * path resource (copied to a temporary file that {@link #close()} deletes), or a remote URL left to
 * DJL.
 *
 * @param path the local file, or null for a remote URL
 * @param url the remote URL, or null for a local file
 * @param temporary whether {@code path} is a copy to delete on close
 */
record ModelFile(Path path, String url, boolean temporary) implements AutoCloseable {

    static final String CLASSPATH = "classpath:";

    static ModelFile resolve(DjlEncoderConfig config) {
        return resolve(config.id(), config.model(), config.modelSha256());
    }

    /** As {@link #resolve(DjlEncoderConfig)} for a model that has no encoder configuration. */
    static ModelFile resolve(String id, String location, String modelSha256) {
        String lower = location.toLowerCase(Locale.ROOT);
        ModelFile file;
        if (lower.startsWith(CLASSPATH)) {
            file = fromClasspath(id, location.substring(CLASSPATH.length()));
        } else if (lower.startsWith("file:")) {
            file = local(id, Path.of(URI.create(location)));
        } else if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            if (modelSha256 != null) {
                throw new EncoderException(
                        "encoder '"
                                + id
                                + "': modelSha256 is only checked for local files, not for "
                                + location);
            }
            return new ModelFile(null, location, false);
        } else {
            file = local(id, Path.of(location));
        }
        if (modelSha256 != null) {
            String actual = sha256(file.path());
            if (!actual.equalsIgnoreCase(modelSha256)) {
                file.close();
                throw new EncoderException(
                        "encoder '"
                                + id
                                + "': model "
                                + location
                                + " has SHA-256 "
                                + actual
                                + ", expected "
                                + modelSha256);
            }
        }
        return file;
    }

    private static ModelFile local(String id, Path path) {
        Path absolute = path.toAbsolutePath();
        if (!Files.isRegularFile(absolute)) {
            throw new EncoderException(
                    "encoder '"
                            + id
                            + "': model file not found: "
                            + absolute
                            + (Files.isDirectory(absolute) ? " (a directory, not a file)" : ""));
        }
        return new ModelFile(absolute, null, false);
    }

    private static ModelFile fromClasspath(String id, String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = ModelFile.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new EncoderException(
                        "encoder '"
                                + id
                                + "': model resource not found on the class path: "
                                + name);
            }
            String fileName = name.substring(name.lastIndexOf('/') + 1);
            Path dir = Files.createTempDirectory("skim-model-");
            Path copy = dir.resolve(fileName);
            Files.copy(in, copy);
            return new ModelFile(copy, null, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy model resource " + name, e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(path);
                Files.deleteIfExists(path.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete temporary model " + path, e);
            }
        }
    }
}
