package dev.skim.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One container image as deploy/images/pom.xml declares it (a Jib execution): name, entrypoint,
 * environment, ports, and the build output it packs into /deployments.
 *
 * @param execution the Jib execution id (compressor, llm-bridge, ingest, compressor-gpu)
 * @param image the image name with the registry and tag properties resolved
 * @param entrypoint the container's entrypoint
 * @param env the image's environment
 * @param ports exposed ports
 * @param deployments what the image holds at /deployments (a build output folder in the repo)
 */
record ImageSpec(
        String execution,
        String image,
        List<String> entrypoint,
        Map<String, String> env,
        List<Integer> ports,
        Path deployments) {

    static final String POM = "deploy/images/pom.xml";

    /** Every image the images module builds, the GPU profile's included. */
    static List<ImageSpec> all() {
        Element project = Repo.xml(POM).getDocumentElement();
        Map<String, String> props = new LinkedHashMap<>();
        for (Element p : Repo.children(Repo.child(project, "properties"))) {
            props.put(p.getTagName(), p.getTextContent().trim());
        }
        props.put("project.version", Repo.projectVersion());
        props.put("skim.root", Repo.root().toString());
        List<ImageSpec> out = new ArrayList<>();
        NodeList executions = project.getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element exec = (Element) executions.item(i);
            Element config = Repo.child(exec, "configuration");
            if (config == null || Repo.child(config, "to") == null) {
                continue;
            }
            String id = Repo.child(exec, "id").getTextContent().trim();
            String image = resolve(text(Repo.child(config, "to"), "image"), props);
            Element container = Repo.child(config, "container");
            List<String> entrypoint =
                    List.of(resolve(text(container, "entrypoint"), props).split(","));
            Map<String, String> env = new LinkedHashMap<>();
            for (Element e : Repo.children(Repo.child(container, "environment"))) {
                env.put(e.getTagName(), resolve(e.getTextContent().trim(), props));
            }
            List<Integer> ports = new ArrayList<>();
            for (Element p : Repo.children(Repo.child(container, "ports"))) {
                ports.add(Integer.parseInt(p.getTextContent().trim()));
            }
            Element path =
                    Repo.child(Repo.child(Repo.child(config, "extraDirectories"), "paths"), "path");
            Path from = Path.of(resolve(text(path, "from"), props)).normalize();
            out.add(new ImageSpec(id, image, entrypoint, env, ports, from));
        }
        return out;
    }

    static ImageSpec of(String execution) {
        return all().stream()
                .filter(s -> s.execution().equals(execution))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "no Jib execution " + execution + " in " + POM));
    }

    /** The image name without registry and tag: skim-compressor. */
    String shortName() {
        String noTag = image.substring(0, image.lastIndexOf(':'));
        return noTag.substring(noTag.lastIndexOf('/') + 1);
    }

    private static String text(Element parent, String name) {
        Element e = Repo.child(parent, name);
        if (e == null) {
            throw new IllegalStateException("<" + name + "> missing in " + POM);
        }
        return e.getTextContent().trim();
    }

    private static String resolve(String s, Map<String, String> props) {
        String out = s;
        for (int guard = 0; out.contains("${") && guard < 10; guard++) {
            for (Map.Entry<String, String> p : props.entrySet()) {
                out = out.replace("${" + p.getKey() + "}", p.getValue());
            }
        }
        if (out.contains("${")) {
            throw new IllegalStateException("unresolved property in " + s + " (" + POM + ")");
        }
        return out;
    }
}
