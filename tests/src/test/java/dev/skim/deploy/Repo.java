package dev.skim.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository's deployment files, read as they are on disk at test time. */
final class Repo {

    private Repo() {}

    static Path root() {
        return Path.of(System.getProperty("skim.root.dir", "..")).toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single YAML (or JSON) document in a file, as maps and lists. */
    static Map<String, Object> yaml(String relative) {
        List<Map<String, Object>> docs = yamlDocuments(path(relative));
        if (docs.size() != 1) {
            throw new IllegalStateException(relative + " has " + docs.size() + " documents");
        }
        return docs.get(0);
    }

    /** Every non-empty document of a (multi-document) YAML file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(16 * 1024 * 1024);
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object doc : new Yaml(options).loadAll(reader)) {
                if (doc != null) {
                    if (!(doc instanceof Map)) {
                        throw new IllegalStateException(file + ": a document is not a mapping");
                    }
                    docs.add((Map<String, Object>) doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** Every manifest under deploy/k8s, by file name. */
    static Map<String, List<Map<String, Object>>> k8sManifests() {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(path("deploy/k8s"))) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .forEach(f -> all.put(f.getFileName().toString(), yamlDocuments(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** {@code module}'s src/main/resources/application.properties. */
    static Properties applicationProperties(String module) {
        Properties props = new Properties();
        try (InputStream in =
                Files.newInputStream(path(module + "/src/main/resources/application.properties"))) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    /** quarkus.http.port of a Quarkus module. */
    static int httpPort(String module) {
        return Integer.parseInt(applicationProperties(module).getProperty("quarkus.http.port"));
    }

    /** The project version, from the root pom. */
    static String projectVersion() {
        Element project = xml("pom.xml").getDocumentElement();
        return child(project, "version").getTextContent().trim();
    }

    /** A property of the root pom. */
    static String rootPomProperty(String name) {
        Element props = child(xml("pom.xml").getDocumentElement(), "properties");
        return child(props, name).getTextContent().trim();
    }

    static Document xml(String relative) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(path(relative).toFile());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot parse " + relative + ": " + e, e);
        }
    }

    static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every {@code --partitions N} in a text (a README's topic-creation commands). */
    static List<Integer> documentedPartitions(String relative) {
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("--partitions\\s+(\\d+)").matcher(read(relative));
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** {@code a.b.c} in nested maps, or null. */
    static Object at(Map<String, Object> root, String dotted) {
        Object o = root;
        for (String part : dotted.split("\\.")) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(part);
        }
        return o;
    }
}
