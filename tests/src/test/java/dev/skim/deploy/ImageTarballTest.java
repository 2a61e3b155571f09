package dev.skim.deploy;

import static dev.skim.deploy.Repo.list;
import static dev.skim.deploy.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The image tarballs {@code ./mvnw -Pimages} wrote (deploy/images/target/*.tar), read as an image
 * runtime would: the name, the entrypoint, environment, ports and user, and the files the
 * entrypoint needs in the layers. Skipped, with a message, when the images were not built.
 */
class ImageTarballTest {

    static List<ImageSpec> images() {
        return ImageSpec.all();
    }

    @ParameterizedTest
    @MethodSource("images")
    void shouldHoldTheConfiguredEntrypointAndTheFilesItRuns(ImageSpec spec) throws IOException {
        Path tar = Repo.path("deploy/images/target/" + spec.shortName() + ".tar");
        Assumptions.assumeTrue(
                Files.isRegularFile(tar),
                "skipped: "
                        + tar
                        + " is absent (build it with ./mvnw -Pimages install -DskipTests)");
        Map<String, byte[]> entries =
                untar(Files.newInputStream(tar), name -> name.endsWith(".json"));
        Map<String, Object> manifest = map(list(yaml(entries.get("manifest.json"))).get(0));
        assertThat(list(manifest.get("RepoTags"))).containsExactly(spec.image());
        Map<String, Object> config =
                map(map(yaml(entries.get(manifest.get("Config")))).get("config"));
        assertThat(list(config.get("Entrypoint"))).containsExactlyElementsOf(spec.entrypoint());
        assertThat(config.get("User")).isEqualTo("1001");
        List<String> env = new ArrayList<>();
        list(config.get("Env")).forEach(e -> env.add(String.valueOf(e)));
        spec.env().forEach((k, v) -> assertThat(env).contains(k + "=" + v));
        Set<String> ports = new TreeSet<>();
        spec.ports().forEach(p -> ports.add(p + "/tcp"));
        assertThat(map(config.get("ExposedPorts")).keySet())
                .containsExactlyInAnyOrderElementsOf(ports);

        // the files of all layers
        Set<String> files = new TreeSet<>();
        List<Object> layers = list(manifest.get("Layers"));
        Map<String, byte[]> gz = untar(Files.newInputStream(tar), layers::contains);
        for (Object layer : layers) {
            untar(new GZIPInputStream(new ByteArrayInputStream(gz.get(layer))), n -> false)
                    .keySet()
                    .forEach(files::add);
        }
        String jar = spec.entrypoint().get(spec.entrypoint().size() - 1).substring(1);
        assertThat(files)
                .contains(jar, "deployments/resources/LICENSE", "deployments/resources/NOTICE");
        if (jar.endsWith("quarkus-run.jar")) {
            assertThat(files).anyMatch(f -> f.startsWith("deployments/app/") && f.endsWith(".jar"));
            assertThat(files)
                    .anyMatch(
                            f ->
                                    f.startsWith(
                                            "deployments/lib/main/io.quarkus.quarkus-kafka-streams"));
            assertThat(files).contains("deployments/quarkus/quarkus-application.dat");
        } else {
            assertThat(files)
                    .anyMatch(f -> f.startsWith("deployments/lib/") && f.contains("kafka-clients"));
        }
    }

    private static Object yaml(byte[] json) {
        return new Yaml().load(new String(json, StandardCharsets.UTF_8));
    }

    /**
     * The entries of a tar stream: every name, with the content of those {@code keep} accepts
     * (others map to an empty array). Reads ustar and PAX long names.
     */
    static Map<String, byte[]> untar(InputStream in, java.util.function.Predicate<String> keep)
            throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (in) {
            byte[] header = new byte[512];
            String paxPath = null;
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    break;
                }
                String name = field(header, 0, 100);
                long size =
                        Long.parseLong(
                                field(header, 124, 12).trim().isEmpty()
                                        ? "0"
                                        : field(header, 124, 12).trim(),
                                8);
                char type = (char) header[156];
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long padded = (size + 511) / 512 * 512;
                if (type == 'x') {
                    String pax = new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
                    in.skipNBytes(padded - size);
                    for (String record : pax.split("\n")) {
                        int eq = record.indexOf(" path=");
                        if (eq >= 0) {
                            paxPath = record.substring(eq + 6);
                        }
                    }
                    continue;
                }
                if (paxPath != null) {
                    name = paxPath;
                    paxPath = null;
                }
                if (keep.test(name)) {
                    out.put(name, in.readNBytes((int) size));
                    in.skipNBytes(padded - size);
                } else {
                    out.put(name, new byte[0]);
                    in.skipNBytes(padded);
                }
            }
        }
        return out;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
