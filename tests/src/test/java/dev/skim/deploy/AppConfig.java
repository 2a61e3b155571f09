package dev.skim.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys a packaged Quarkus app of this project knows, read at test time from what
 * is really there: its application.properties (keys and the keys its ${...} expressions refer to),
 * and its {@code @ConfigMapping} interfaces, loaded from the built application (target/quarkus-app)
 * and walked by reflection the way SmallRye Config names them.
 */
final class AppConfig {

    private final String module;
    private final Properties properties;
    private final Set<String> keys = new TreeSet<>();
    private final Set<String> streamsConfigNames = new TreeSet<>();
    private final Set<String> clientConfigNames = new TreeSet<>();
    private final ClassLoader loader;

    private AppConfig(String module) {
        this.module = module;
        this.properties = Repo.applicationProperties(module);
        for (String key : properties.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
            Matcher m = Pattern.compile("\\$\\{([^:}]+)").matcher(properties.getProperty(key));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        this.loader = appClassLoader(module);
        keys.addAll(mappingKeys(loader));
        streamsConfigNames.addAll(configNames("org.apache.kafka.streams.StreamsConfig"));
        clientConfigNames.addAll(configNames("org.apache.kafka.clients.consumer.ConsumerConfig"));
        clientConfigNames.addAll(configNames("org.apache.kafka.clients.producer.ProducerConfig"));
        clientConfigNames.addAll(configNames("org.apache.kafka.clients.admin.AdminClientConfig"));
    }

    static AppConfig of(String module) {
        return new AppConfig(module);
    }

    Properties properties() {
        return properties;
    }

    Set<String> keys() {
        return keys;
    }

    /** The app's class loader (its own jars), for enums and constants the tests check against. */
    ClassLoader classLoader() {
        return loader;
    }

    /**
     * The keys an environment variable sets, by SmallRye Config's rule (every character that is not
     * a letter or digit becomes _, upper case). Map keys ({@code *}) match any segment.
     */
    List<String> keysOfEnv(String env) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            StringBuilder re = new StringBuilder();
            String[] parts = toEnv(key).split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                re.append(i == 0 ? "" : "[A-Z0-9_]+").append(Pattern.quote(parts[i]));
            }
            if (env.matches(re.toString())) {
                out.add(key);
            }
        }
        return out;
    }

    /**
     * Whether a {@code -Dkey} system property is a key of the app: a known key, or a Kafka Streams
     * (or its consumer's, producer's) setting passed through under {@code kafka-streams.}.
     */
    boolean knowsSystemProperty(String key) {
        if (keys.contains(key)) {
            return true;
        }
        if (!key.startsWith("kafka-streams.")) {
            return false;
        }
        String name = key.substring("kafka-streams.".length());
        if (streamsConfigNames.contains(name)) {
            return true;
        }
        for (String prefix : List.of("consumer.", "producer.", "admin.")) {
            if (name.startsWith(prefix)
                    && clientConfigNames.contains(name.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private Set<String> configNames(String configClass) {
        // Kafka's config classes load their default classes through the context class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> c = Class.forName(configClass, true, loader);
            try {
                return (Set<String>) c.getMethod("configNames").invoke(null);
            } catch (NoSuchMethodException e) {
                Object def = c.getMethod("configDef").invoke(null);
                return (Set<String>) def.getClass().getMethod("names").invoke(def);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + configClass + " names: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static String toEnv(String key) {
        return key.replaceAll("[^A-Za-z0-9*]", "_").toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return module;
    }

    // --- @ConfigMapping interfaces ---

    private static ClassLoader appClassLoader(String module) {
        Path app = Repo.path(module + "/target/quarkus-app");
        if (!Files.isDirectory(app)) {
            throw new IllegalStateException(
                    app + " is missing: build the applications first (./mvnw install -DskipTests)");
        }
        List<URL> urls = new ArrayList<>();
        for (String dir : List.of("app", "lib/main", "lib/boot")) {
            Path d = app.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> jars = Files.list(d)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    urls.add(jar.toUri().toURL());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new URLClassLoader(
                "skim-" + module, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Set<String> mappingKeys(ClassLoader loader) {
        Set<String> out = new TreeSet<>();
        Class<? extends Annotation> mapping =
                annotation(loader, "io.smallrye.config.ConfigMapping");
        for (Class<?> c : appClasses(loader)) {
            Annotation a = c.getAnnotation(mapping);
            if (a != null) {
                walk(c, (String) value(a, "prefix"), loader, out, 0);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no @ConfigMapping interface found in " + loader);
        }
        return out;
    }

    private static List<Class<?>> appClasses(ClassLoader loader) {
        List<Class<?>> out = new ArrayList<>();
        for (URL url : ((URLClassLoader) loader).getURLs()) {
            if (!url.getPath().contains("/quarkus-app/app/")) {
                continue;
            }
            try (JarFile jar = new JarFile(Path.of(url.toURI()).toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith("dev/skim/")
                            && name.endsWith(".class")
                            && !name.contains("module-info")) {
                        String cls = name.substring(0, name.length() - 6).replace('/', '.');
                        try {
                            out.add(Class.forName(cls, false, loader));
                        } catch (LinkageError | ClassNotFoundException e) {
                            // a class whose dependencies are not on the app's class path
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read " + url + ": " + e, e);
            }
        }
        return out;
    }

    private static void walk(
            Class<?> type, String prefix, ClassLoader loader, Set<String> out, int depth) {
        if (depth > 8) {
            return;
        }
        Class<? extends Annotation> withName = annotation(loader, "io.smallrye.config.WithName");
        Class<? extends Annotation> withParentName =
                annotation(loader, "io.smallrye.config.WithParentName");
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() > 0
                    || m.isDefault()
                    || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class
                    || m.getName().equals("toString")) {
                continue;
            }
            String name;
            if (m.getAnnotation(withParentName) != null) {
                name = prefix;
            } else if (m.getAnnotation(withName) != null) {
                name = prefix + "." + value(m.getAnnotation(withName), "value");
            } else {
                name = prefix + "." + kebab(m.getName());
            }
            Type t = m.getGenericReturnType();
            Class<?> raw = m.getReturnType();
            if (t instanceof ParameterizedType p && raw == java.util.Map.class) {
                Type v = p.getActualTypeArguments()[1];
                if (v instanceof Class<?> vc && isGroup(vc)) {
                    walk(vc, name + ".*", loader, out, depth + 1);
                } else {
                    out.add(name + ".*");
                }
            } else if (t instanceof ParameterizedType p && raw == java.util.Optional.class) {
                Type v = p.getActualTypeArguments()[0];
                if (v instanceof Class<?> vc && isGroup(vc)) {
                    walk(vc, name, loader, out, depth + 1);
                } else {
                    out.add(name);
                }
            } else if (isGroup(raw)) {
                walk(raw, name, loader, out, depth + 1);
            } else {
                out.add(name);
            }
        }
    }

    private static boolean isGroup(Class<?> c) {
        return c.isInterface()
                && !c.getName().startsWith("java.")
                && !c.getName().startsWith("jakarta.");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> annotation(ClassLoader loader, String name) {
        try {
            return (Class<? extends Annotation>) Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not in the app: " + e, e);
        }
    }

    private static Object value(Annotation a, String attribute) {
        try {
            return a.annotationType().getMethod(attribute).invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
