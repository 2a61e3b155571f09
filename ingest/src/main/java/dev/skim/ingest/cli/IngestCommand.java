package dev.skim.ingest.cli;

import dev.skim.ingest.IngestException;
import dev.skim.ingest.publish.FramePublisher;
import dev.skim.ingest.publish.MaxSize;
import dev.skim.ingest.publish.PublishListener;
import dev.skim.ingest.publish.PublishOptions;
import dev.skim.schemas.RegistrySerdeFactory;
import dev.skim.schemas.SerdeFactory;
import dev.skim.schemas.Topics;
import dev.skim.video.FrameSource;
import dev.skim.video.cli.Cli;
import dev.skim.video.cli.CliException;
import dev.skim.video.cli.CommonOptions;
import dev.skim.video.cli.DurationConverter;
import dev.skim.video.cli.ExitCode;
import dev.skim.video.cli.LogSetup;
import dev.skim.video.source.LoopingSource;
import dev.skim.video.source.NetworkOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code skim-ingest}: publishes video files, streams, cameras, image folders and synthetic video.
 */
@Command(
        name = "skim-ingest",
        mixinStandardHelpOptions = true,
        version = "skim-ingest 0.1.0",
        sortOptions = false,
        description = {
            "Publishes video frames to Kafka (topic skim.frames, key = stream id) for Skim.",
            "",
            "SOURCE is one of:",
            "  a video file        video.mp4, clip.avi, ... (anything FFmpeg decodes)",
            "  a folder of images  ./frames/ (jpg, png, bmp, gif; natural order; --folder-fps)",
            "  synthetic video     synthetic:frames=300,fps=10,size=640x360,seed=42,scenes=3,events=4",
            "  a camera            camera:/dev/video0",
            "  a network stream    rtsp://, rtmp://, http(s)://, srt:// ... (needs --allow-scheme)",
            ""
        })
public final class IngestCommand implements Callable<Integer> {

    /** The exit codes skim-ingest returns, for its help. */
    private static final Map<ExitCode, String> EXIT_CODES = exitCodes();

    @Parameters(
            arity = "1..*",
            paramLabel = "SOURCE",
            description = "One or more sources, published in parallel.")
    List<String> sources;

    @Option(
            names = {"-b", "--bootstrap-servers"},
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:SKIM_BOOTSTRAP_SERVERS:-localhost:9092}",
            description =
                    "Kafka bootstrap servers (default: $SKIM_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = Topics.FRAMES,
            description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = {"-s", "--stream-id"},
            paramLabel = "ID",
            description =
                    "Stream id, once per SOURCE in the same order (default: from the source name).")
    List<String> streamIds = new ArrayList<>();

    @Option(
            names = "--fps",
            paramLabel = "FPS",
            defaultValue = "0",
            description =
                    "Publish at most this many frames per second of video time (0 = every frame).")
    double fps;

    @Option(
            names = "--folder-fps",
            paramLabel = "FPS",
            defaultValue = "1",
            description = "Frame rate of image folders (default: ${DEFAULT-VALUE}).")
    double folderFps;

    @Option(
            names = "--max-size",
            defaultValue = "1280",
            paramLabel = "N|WxH",
            description =
                    "Downscale frames to fit this box, keeping the aspect ratio (default: ${DEFAULT-VALUE}).")
    String maxSize;

    @Option(
            names = "--jpeg-quality",
            paramLabel = "1..100",
            defaultValue = "85",
            description = "JPEG quality 1..100 (default: ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(
            names = "--realtime",
            description = "Pace publishing by presentation time (default: as fast as possible).")
    boolean realtime;

    @Option(
            names = "--loop",
            description = "Replay each source forever (presentation times keep rising).")
    boolean loop;

    @Option(
            names = "--max-frames",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop each stream after this many frames (0 = no limit).")
    long maxFrames;

    @Option(
            names = "--events-out",
            paramLabel = "FILE",
            description =
                    "Write the ground truth (scene cuts, planted events) of synthetic sources as JSON (one pass of the video; several synthetic sources get FILE-STREAM.json).")
    Path eventsOut;

    @Option(
            names = "--allow-scheme",
            split = ",",
            paramLabel = "SCHEME",
            description = "Network schemes to allow, e.g. rtsp,https (default: none).")
    List<String> allowedSchemes = new ArrayList<>();

    @Option(
            names = "--credentials-env",
            paramLabel = "VAR",
            description =
                    "Environment variable holding user:password for network sources (never logged).")
    String credentialsEnv;

    @Option(
            names = "--reconnects",
            paramLabel = "N",
            defaultValue = "5",
            description =
                    "Reconnect attempts in a row for network sources (default: ${DEFAULT-VALUE}).")
    int reconnects;

    @Option(
            names = "--live",
            description =
                    "Treat the end of a network stream as a dropped connection and reconnect.")
    boolean live;

    @Option(
            names = "--kafka-timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "Fail when Kafka does not answer within this time (default: ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Option(
            names = "--compression",
            paramLabel = "CODEC",
            defaultValue = "none",
            description =
                    "Producer compression: none, gzip, snappy, lz4, zstd (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(
            names = "--max-request-size",
            paramLabel = "BYTES",
            defaultValue = "1048576",
            description =
                    "Kafka max.request.size; larger frames are shrunk (default: ${DEFAULT-VALUE}).")
    int maxRequestSize;

    @Option(
            names = "--serde-format",
            paramLabel = "FORMAT",
            defaultValue = "single-object",
            description =
                    "Wire format of frame records: single-object (Avro single-object encoding) or"
                            + " registry (Confluent wire format; needs --registry-url, and reads"
                            + " user:password from $SKIM_SERDE_REGISTRY_BASIC_AUTH if set). Must"
                            + " match the compressor's skim.serde.format (default:"
                            + " ${DEFAULT-VALUE}).")
    String serdeFormat;

    @Option(
            names = "--registry-url",
            paramLabel = "URL",
            description = "Schema registry (Confluent API, or Apicurio's /apis/ccompat/v7).")
    String registryUrl;

    @Option(
            names = {"-X", "--producer-property"},
            paramLabel = "KEY=VALUE",
            description = "Any other Kafka producer property (e.g. security.protocol=SSL).")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Mixin CommonOptions common;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private volatile ParallelPublisher running;
    private SerdeFactory wireFormat;
    private final CountDownLatch finished = new CountDownLatch(1);

    private SerdeFactory serdes() {
        if (!serdeFormat.equals("single-object") && !serdeFormat.equals("registry")) {
            throw usage("--serde-format must be single-object or registry, was " + serdeFormat);
        }
        if (serdeFormat.equals("registry") && registryUrl == null) {
            throw usage("--serde-format registry needs --registry-url");
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put(SerdeFactory.FORMAT_CONFIG, serdeFormat);
        if (registryUrl != null) {
            config.put(RegistrySerdeFactory.URL_CONFIG, registryUrl);
        }
        String auth = System.getenv("SKIM_SERDE_REGISTRY_BASIC_AUTH");
        if (auth != null) {
            config.put(RegistrySerdeFactory.BASIC_AUTH_CONFIG, auth);
        }
        try {
            return SerdeFactory.fromConfig(config);
        } catch (IllegalArgumentException e) {
            throw usage("--registry-url " + registryUrl + ": " + e.getMessage());
        }
    }

    private static Map<ExitCode, String> exitCodes() {
        Map<ExitCode, String> codes = new LinkedHashMap<>();
        codes.put(ExitCode.OK, "all sources published");
        codes.put(ExitCode.FAILED, "unexpected error");
        codes.put(ExitCode.USAGE, "bad arguments or configuration");
        codes.put(ExitCode.SOURCE_NOT_FOUND, "a file, folder or camera does not exist");
        codes.put(ExitCode.UNSUPPORTED_FORMAT, "a source is not a video FFmpeg can decode");
        codes.put(ExitCode.BROKER_UNREACHABLE, "Kafka could not be reached in time");
        codes.put(ExitCode.NOT_ALLOWED, "a network scheme was not allowed (--allow-scheme)");
        codes.put(
                ExitCode.SOURCE_UNAVAILABLE,
                "a network source failed after all reconnect attempts");
        codes.put(ExitCode.DELIVERY_FAILED, "Kafka rejected frames");
        codes.put(ExitCode.INTERRUPTED, "interrupted (Ctrl-C); what was read was flushed");
        return codes;
    }

    /** A command line for this command, with the exit codes in its help. */
    public static CommandLine commandLine() {
        return Cli.commandLine(new IngestCommand(), "skim-ingest", EXIT_CODES);
    }

    /** The exit code of a publishing failure. */
    static ExitCode exitCode(IngestException.Reason reason) {
        return switch (reason) {
            case BROKER_UNREACHABLE -> ExitCode.BROKER_UNREACHABLE;
            case DELIVERY_FAILED -> ExitCode.DELIVERY_FAILED;
            case INVALID_CONFIG -> ExitCode.USAGE;
        };
    }

    public static void main(String[] args) {
        // Kafka's client warnings repeat every second while a broker is down; the CLI reports
        // that failure itself.
        LogSetup.configure(args, "org.apache.kafka");
        CommandLine cli = commandLine();
        IngestCommand command = cli.getCommand();
        Thread hook = new Thread(command::onShutdown, "skim-ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = cli.execute(args);
        command.finished.countDown();
        System.exit(code);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PublishOptions options = validate();
            wireFormat = serdes();
            NetworkOptions network =
                    new NetworkOptions(
                            Set.copyOf(allowedSchemes),
                            reconnects,
                            Duration.ofMillis(500),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(10),
                            live);
            List<StreamJob> jobs = openAll(new SourceFactory(network, credentials(), folderFps));
            if (eventsOut != null) {
                GroundTruthFiles.write(jobs, eventsOut, out);
            }
            return publishAll(jobs, options, out, err);
        } catch (IngestException e) {
            throw new CliException(exitCode(e.reason()), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        } finally {
            finished.countDown();
        }
    }

    private PublishOptions validate() {
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw usage("--jpeg-quality must be in 1..100, was " + jpegQuality);
        }
        if (fps < 0) {
            throw usage("--fps must be >= 0, was " + fps);
        }
        if (!(folderFps > 0)) {
            throw usage("--folder-fps must be > 0, was " + folderFps);
        }
        if (maxFrames < 0) {
            throw usage("--max-frames must be >= 0, was " + maxFrames);
        }
        if (!streamIds.isEmpty() && streamIds.size() != sources.size()) {
            throw usage(
                    "give --stream-id once per SOURCE: "
                            + streamIds.size()
                            + " stream id(s) for "
                            + sources.size()
                            + " source(s)");
        }
        for (String id : streamIds) {
            if (id.isBlank()) {
                throw usage("--stream-id must not be blank");
            }
        }
        if (eventsOut != null
                && sources.stream()
                        .noneMatch(s -> SourceFactory.kindOf(s) == SourceFactory.Kind.SYNTHETIC)) {
            throw usage("--events-out needs a synthetic: source");
        }
        if (kafkaTimeout.toMillis() < 1000) {
            throw usage("--kafka-timeout must be at least 1s, was " + kafkaTimeout);
        }
        MaxSize size;
        try {
            size = MaxSize.parse(maxSize);
        } catch (IngestException e) {
            throw usage(e.getMessage());
        }
        return PublishOptions.defaults()
                .withMaxSize(size)
                .withJpegQuality(jpegQuality)
                .withTargetFps(fps)
                .withRealtime(realtime)
                .withMaxFrames(maxFrames);
    }

    private String credentials() {
        if (credentialsEnv == null) {
            return null;
        }
        String value = System.getenv(credentialsEnv);
        if (value == null || value.isEmpty()) {
            throw usage(
                    "environment variable " + credentialsEnv + " (--credentials-env) is not set");
        }
        if (!value.contains(":")) {
            throw usage("environment variable " + credentialsEnv + " must hold user:password");
        }
        return value;
    }

    /** Opens every source before connecting to Kafka, so a bad argument fails at once. */
    private List<StreamJob> openAll(SourceFactory factory) {
        List<StreamJob> jobs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try {
            for (int i = 0; i < sources.size(); i++) {
                String source = sources.get(i);
                String id =
                        streamIds.isEmpty()
                                ? SourceFactory.defaultStreamId(source)
                                : streamIds.get(i);
                String unique = id;
                for (int n = 2; !ids.add(unique); n++) {
                    if (!streamIds.isEmpty()) {
                        throw usage("stream id '" + id + "' is given twice");
                    }
                    unique = id + "-" + n;
                }
                FrameSource opened =
                        loop
                                ? new LoopingSource(() -> factory.open(source), 0)
                                : factory.open(source);
                jobs.add(new StreamJob(unique, source, opened));
            }
        } catch (RuntimeException e) {
            jobs.forEach(j -> j.source().close());
            throw e;
        }
        return jobs;
    }

    private int publishAll(
            List<StreamJob> jobs, PublishOptions options, PrintWriter out, PrintWriter err) {
        FramePublisher.Builder builder =
                FramePublisher.builder()
                        .bootstrapServers(bootstrapServers)
                        .topic(topic)
                        .compression(compression)
                        .maxRequestSize(maxRequestSize)
                        .deliveryTimeout(kafkaTimeout)
                        .serdes(wireFormat);
        producerProperties.forEach(builder::property);
        boolean showProgress = common.progress();
        long total = loop ? -1 : totalFrames(jobs);
        List<StreamResult> results;
        try (FramePublisher publisher = builder.build();
                Progress progress = showProgress ? new Progress(total) : null) {
            PublishListener listener = progress != null ? progress : PublishListener.none();
            ParallelPublisher parallel = new ParallelPublisher(publisher, options, listener);
            running = parallel;
            results = parallel.run(jobs);
        }
        return ResultReport.print(results, out, err).code();
    }

    private static long totalFrames(List<StreamJob> jobs) {
        long total = 0;
        for (StreamJob job : jobs) {
            if (job.source().expectedFrames().isEmpty()) {
                return -1;
            }
            total += job.source().expectedFrames().getAsLong();
        }
        return total;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Ctrl-C: stop reading, flush what was read, let main print the summaries. */
    private void onShutdown() {
        ParallelPublisher parallel = running;
        if (parallel != null) {
            parallel.cancel();
        }
        try {
            finished.await(
                    kafkaTimeout == null ? 30 : kafkaTimeout.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
