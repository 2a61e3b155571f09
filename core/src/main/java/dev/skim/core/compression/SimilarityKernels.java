package dev.skim.core.compression;

/**
 * Which similarity kernel the operators use. The vector kernel (JDK Vector API, register-tiled)
 * runs when the JVM was started with {@code --add-modules jdk.incubator.vector} (for a packaged
 * app: {@code JDK_JAVA_OPTIONS=--add-modules=jdk.incubator.vector}); otherwise the scalar kernel.
 * Both give bit-identical similarities, so the operators select the same tokens either way; only
 * the time differs (about 10x for DivPrune on a 196-token frame). System property {@code
 * skim.similarity.kernel=scalar} forces the scalar kernel.
 */
public final class SimilarityKernels {
    private static final String MODULE = "jdk.incubator.vector";
    private static final SimilarityKernel BEST = best();
    private static volatile SimilarityKernel current =
            "scalar".equals(System.getProperty("skim.similarity.kernel"))
                    ? ScalarKernel.INSTANCE
                    : BEST;

    private SimilarityKernels() {}

    /**
     * The kernel in use, for a start-up log line: "vector-512" (lanes of that many bits) or
     * "scalar".
     */
    public static String name() {
        return current.name();
    }

    /**
     * Switches the kernel of this JVM, for benchmarks and tests comparing the two: "scalar", or
     * "vector" (the fastest available: the scalar kernel where the module is absent).
     *
     * @return the name of the kernel now in use
     * @throws IllegalArgumentException for another name
     */
    public static String use(String kind) {
        current =
                switch (kind) {
                    case "scalar" -> ScalarKernel.INSTANCE;
                    case "vector" -> BEST;
                    default ->
                            throw new IllegalArgumentException(
                                    "similarity kernel must be scalar or vector, was '"
                                            + kind
                                            + "'");
                };
        return current.name();
    }

    static SimilarityKernel current() {
        return current;
    }

    /** The vector kernel's class is loaded only when its module is in the boot layer. */
    private static SimilarityKernel best() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return ScalarKernel.INSTANCE;
        }
        try {
            return (SimilarityKernel)
                    Class.forName(SimilarityKernels.class.getPackageName() + ".VectorKernel")
                            .getDeclaredConstructor()
                            .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            // The module is there but the kernel cannot be linked: the portable kernel still runs.
            return ScalarKernel.INSTANCE;
        }
    }
}
