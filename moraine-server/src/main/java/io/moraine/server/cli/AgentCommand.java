package io.moraine.server.cli;

import io.moraine.agent.Agent;
import io.moraine.agent.AgentOptions;
import io.moraine.agent.Catalog;
import io.moraine.agent.collector.HostPaths;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code moraine agent}: the node agent, until SIGTERM or SIGINT. Collector switches {@code
 * --collector.<name>} and {@code --no-collector.<name>} are added from the agent's catalog.
 */
@Command(
    name = "agent",
    description = "Run the node agent (host, container, energy, GPU telemetry; log shipping).",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true)
final class AgentCommand implements Callable<Integer> {
  static final String SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  @Option(
      names = "--listen",
      paramLabel = "ADDR",
      converter = Converters.Listen.class,
      description = "Address for HTTP: host:port, :port (every interface). Default: :9701.")
  private ListenAddress listen = new ListenAddress("", 9701);

  @Option(
      names = "--path.procfs",
      paramLabel = "DIR",
      description = "procfs mount point. Default: ${DEFAULT-VALUE}.")
  private Path procfs = Path.of("/proc");

  @Option(
      names = "--path.sysfs",
      paramLabel = "DIR",
      description = "sysfs mount point. Default: ${DEFAULT-VALUE}.")
  private Path sysfs = Path.of("/sys");

  @Option(
      names = "--path.rootfs",
      paramLabel = "DIR",
      description = "Where the host's / is mounted. Default: ${DEFAULT-VALUE}.")
  private Path rootfs = Path.of("/");

  @Option(
      names = "--node.name",
      paramLabel = "NAME",
      description = "This node's name. Default: $NODE_NAME, else the host name.")
  private @Nullable String nodeName;

  @Option(
      names = "--kubernetes.pods-url",
      paramLabel = "URL",
      description =
          "URL of this node's PodList (the kubelet's https://NODE:10250/pods or the API server's"
              + " /api/v1/pods?fieldSelector=spec.nodeName=NODE). Default in a pod: the API server"
              + " from $KUBERNETES_SERVICE_HOST and $NODE_NAME; elsewhere none (no pod labels).")
  private @Nullable URI podsUrl;

  @Option(
      names = "--kubernetes.token-file",
      paramLabel = "FILE",
      description = "Bearer token for the pods URL. Default in a pod: the service account's.")
  private @Nullable Path tokenFile;

  @Option(
      names = "--kubernetes.ca-file",
      paramLabel = "FILE",
      description = "PEM CA bundle for the pods URL. Default in a pod: the service account's.")
  private @Nullable Path caFile;

  @Option(
      names = "--kubernetes.insecure-skip-verify",
      description = "Do not check the pods URL's TLS certificate.")
  private boolean insecure;

  @Option(
      names = "--energy.model",
      paramLabel = "NAME",
      description =
          "Power model where RAPL is missing: generic-x86-server, vm-vcpu, raspberry-pi-4,"
              + " nvidia-jetson (docs/energy-model.md). Default: ${DEFAULT-VALUE}.")
  private String energyModel = "generic-x86-server";

  @Option(
      names = "--gpu.nvml-library",
      paramLabel = "FILE",
      description = "Path of libnvidia-ml.so.1. Default: searched in the usual places.")
  private @Nullable Path nvml;

  @Option(
      names = "--logs.push-url",
      paramLabel = "URL",
      description =
          "Loki push URL for container logs, e.g. http://moraine:9700/loki/api/v1/push."
              + " Default: none (logs are not tailed).")
  private @Nullable URI logsPushUrl;

  @Option(
      names = "--logs.tenant",
      paramLabel = "ID",
      description = "X-Scope-OrgID sent with log pushes. Default: none.")
  private String logsTenant = "";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Where log positions and the send spool live. Default: ${DEFAULT-VALUE}.")
  private Path data = Path.of("agent-data");

  @Spec private CommandSpec spec = CommandSpec.create();

  private final ShutdownHooks hooks;
  private final java.util.function.Consumer<Agent> onStarted;
  private final Map<String, String> env;

  AgentCommand(
      ShutdownHooks hooks, java.util.function.Consumer<Agent> onStarted, Map<String, String> env) {
    this.hooks = hooks;
    this.onStarted = onStarted;
    this.env = env;
  }

  /** Adds {@code --[no-]collector.<name>} for every collector of the catalog. */
  static void addCollectorSwitches(CommandSpec spec) {
    for (Catalog.Entry e : Catalog.entries()) {
      spec.addOption(
          OptionSpec.builder("--collector." + e.name())
              .negatable(true)
              .type(boolean.class)
              .arity("0")
              .defaultValue(Boolean.toString(e.enabledByDefault()))
              .description(
                  "Collector "
                      + e.name()
                      + ": "
                      + e.description()
                      + (e.enabledByDefault() ? " (on by default)" : " (off by default)"))
              .build());
    }
  }

  @Override
  public Integer call() throws Exception {
    AgentOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Agent agent;
    try {
      agent = Agent.start(options);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the agent on " + listen + ": " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    hooks.onShutdown(
        () -> {
          agent.close();
          stopped.countDown();
        });
    onStarted.accept(agent);
    stopped.await();
    return 0;
  }

  AgentOptions options() {
    Map<String, Boolean> switches = new LinkedHashMap<>();
    var parsed = spec.commandLine().getParseResult();
    for (Catalog.Entry e : Catalog.entries()) {
      String name = "--collector." + e.name();
      if (parsed != null && parsed.hasMatchedOption(name)) {
        Boolean on = parsed.matchedOptionValue(name, e.enabledByDefault());
        switches.put(e.name(), on);
      }
    }
    return new AgentOptions(
        listen.toSocketAddress(),
        new HostPaths(procfs, sysfs, rootfs),
        switches,
        nodeName(),
        kubernetes(),
        energyModel,
        nvml,
        logsPushUrl == null ? null : new AgentOptions.Logs(logsPushUrl, logsTenant, data));
  }

  private String nodeName() {
    if (nodeName != null && !nodeName.isBlank()) {
      return nodeName;
    }
    String fromEnv = env.get("NODE_NAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private AgentOptions.@Nullable Kubernetes kubernetes() {
    URI url = podsUrl;
    Path token = tokenFile;
    Path ca = caFile;
    String host = env.get("KUBERNETES_SERVICE_HOST");
    String node = env.get("NODE_NAME");
    if (url == null && host != null && node != null) {
      String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
      String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      try {
        url =
            new URI(
                "https://" + h + ":" + port + "/api/v1/pods?fieldSelector=spec.nodeName=" + node);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "cannot build the API server URL from $KUBERNETES_SERVICE_HOST: " + e.getMessage());
      }
      if (token == null && Files.exists(Path.of(SA_DIR, "token"))) {
        token = Path.of(SA_DIR, "token");
      }
      if (ca == null && Files.exists(Path.of(SA_DIR, "ca.crt"))) {
        ca = Path.of(SA_DIR, "ca.crt");
      }
    }
    return url == null ? null : new AgentOptions.Kubernetes(url, token, ca, insecure);
  }
}
