package io.moraine.server.cli;

import io.moraine.agent.AgentOptions;
import io.moraine.agent.Catalog;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.energy.PowerModel;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The flags of {@code moraine agent}, parsed by hand rather than with picocli: the agent runs on
 * every node and picocli's reflection would add a tenth to its resident size. {@code --flag=value}
 * and {@code --flag value} both work; {@code --collector.<name>} and {@code --no-collector.<name>}
 * switch collectors as node_exporter's flags do. Not thread-safe.
 */
final class AgentArgs {
  static final String SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  /** A bad command line; the message names the flag and what was wrong. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * C1 compiles a method after about 200 calls, but the interpreter tells the compile policy only
   * every 128th call, and while the warm-up keeps C1's queue long the policy raises its thresholds
   * ({@code Tier3LoadFeedback}): a method called once per scrape is refused at its 256th call and
   * compiled at its 384th. 400 rounds put that inside the warm-up; with 300 a batch of per-mount
   * and per-disk methods compiled about 18 scrapes later, one of them (statvfs through the FFM
   * linker) with 5 MB of compiler arena (docs/benchmarks.md, "The node agent").
   */
  static final int DEFAULT_WARMUP_ROUNDS = 400;

  private static final int MAX_WARMUP_ROUNDS = 100_000;

  private static final List<String[]> FLAGS =
      List.of(
          new String[] {
            "--listen=ADDR",
            "Address for HTTP: host:port or :port (every interface). Default: :9701."
          },
          new String[] {"--path.procfs=DIR", "procfs mount point. Default: /proc."},
          new String[] {"--path.sysfs=DIR", "sysfs mount point. Default: /sys."},
          new String[] {"--path.rootfs=DIR", "Where the host's / is mounted. Default: /."},
          new String[] {
            "--node.name=NAME", "This node's name. Default: $NODE_NAME, else the host name."
          },
          new String[] {
            "--kubernetes.pods-url=URL",
            "URL of this node's PodList (the kubelet's https://NODE:10250/pods or the API server's"
                + " /api/v1/pods?fieldSelector=spec.nodeName=NODE). Default in a pod: the API server"
                + " from $KUBERNETES_SERVICE_HOST and $NODE_NAME; elsewhere none (no pod labels)."
          },
          new String[] {
            "--kubernetes.token-file=FILE",
            "Bearer token for the pods URL. Default in a pod: the service account's."
          },
          new String[] {
            "--kubernetes.ca-file=FILE",
            "PEM CA bundle for the pods URL. Default in a pod: the service account's."
          },
          new String[] {
            "--kubernetes.insecure-skip-verify", "Do not check the pods URL's TLS certificate."
          },
          new String[] {
            "--energy.model=NAME",
            "Power model where RAPL is missing: generic-x86-server, vm-vcpu, raspberry-pi-4,"
                + " nvidia-jetson (docs/energy-model.md). Default: generic-x86-server."
          },
          new String[] {
            "--energy.idle-watts=W", "Override the model's idle power of the node, watts."
          },
          new String[] {
            "--energy.idle-watts-per-core=W", "Override the model's idle power per CPU, watts."
          },
          new String[] {
            "--energy.dynamic-watts-per-core=W",
            "Override the model's power added per fully busy CPU, watts."
          },
          new String[] {
            "--gpu.nvml-library=FILE",
            "Path of libnvidia-ml.so.1. Default: searched in the usual places."
          },
          new String[] {
            "--logs.push-url=URL",
            "Loki push URL for container logs (http://moraine:9700/loki/api/v1/push). Default: none."
          },
          new String[] {"--logs.tenant=ID", "X-Scope-OrgID sent with log pushes. Default: none."},
          new String[] {
            "--data=DIR", "Where log positions and the send spool live. Default: agent-data."
          },
          new String[] {
            "--warmup.rounds=N",
            "Scrape itself N times at start-up so the scrape path is compiled before real"
                + " scrapes come; 0 turns it off. Default: "
                + DEFAULT_WARMUP_ROUNDS
                + "."
          },
          new String[] {"-h, --help", "Show this help and exit."});

  /** The flags that take a value: those documented as {@code --flag=VALUE}. */
  private static final java.util.Set<String> VALUE_FLAGS =
      FLAGS.stream()
          .map(f -> f[0])
          .filter(f -> f.contains("="))
          .map(f -> f.substring(0, f.indexOf('=')))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private ListenAddress listen = new ListenAddress("", 9701);
  private Path procfs = Path.of("/proc");
  private Path sysfs = Path.of("/sys");
  private Path rootfs = Path.of("/");
  private @Nullable String nodeName;
  private @Nullable URI podsUrl;
  private @Nullable Path tokenFile;
  private @Nullable Path caFile;
  private boolean insecure;
  private String energyModel = "generic-x86-server";
  private @Nullable Double idleWatts;
  private @Nullable Double idleWattsPerCore;
  private @Nullable Double dynamicWattsPerCore;
  private @Nullable Path nvml;
  private @Nullable URI logsPushUrl;
  private String logsTenant = "";
  private Path data = Path.of("agent-data");
  private int warmupRounds = DEFAULT_WARMUP_ROUNDS;
  private final Map<String, Boolean> switches = new LinkedHashMap<>();
  private boolean help;

  /** Whether {@code -h} or {@code --help} was given. */
  boolean help() {
    return help;
  }

  /** Parses the arguments after {@code agent}. */
  static AgentArgs parse(List<String> args) throws UsageException {
    AgentArgs a = new AgentArgs();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("-h") || arg.equals("--help")) {
        a.help = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "' (the agent takes only flags)");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (a.bool(name, eq < 0 ? null : arg.substring(eq + 1))) {
        continue;
      }
      if (!VALUE_FLAGS.contains(name)) {
        throw new UsageException("unknown flag " + name + " (see moraine agent --help)");
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException("missing value for " + name);
      }
      a.set(name, value);
    }
    return a;
  }

  /** Handles boolean flags; false when {@code name} is not one. */
  private boolean bool(String name, @Nullable String value) throws UsageException {
    boolean on;
    String collector;
    if (name.startsWith("--collector.")) {
      collector = name.substring("--collector.".length());
      on = value == null || parseBool(name, value);
    } else if (name.startsWith("--no-collector.")) {
      collector = name.substring("--no-collector.".length());
      if (value != null) {
        throw new UsageException(name + " takes no value");
      }
      on = false;
    } else if (name.equals("--kubernetes.insecure-skip-verify")) {
      insecure = value == null || parseBool(name, value);
      return true;
    } else {
      return false;
    }
    if (!Catalog.names().contains(collector)) {
      throw new UsageException(
          "unknown collector '"
              + collector
              + "' in "
              + name
              + " (known: "
              + String.join(", ", Catalog.names())
              + ")");
    }
    switches.put(collector, on);
    return true;
  }

  private static boolean parseBool(String name, String value) throws UsageException {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new UsageException(
              "invalid value '" + value + "' for " + name + ": want true or false");
    };
  }

  private void set(String name, String value) throws UsageException {
    switch (name) {
      case "--listen" -> {
        try {
          listen = ListenAddress.parse(value);
        } catch (IllegalArgumentException e) {
          throw new UsageException(String.valueOf(e.getMessage()));
        }
      }
      case "--path.procfs" -> procfs = path(name, value);
      case "--path.sysfs" -> sysfs = path(name, value);
      case "--path.rootfs" -> rootfs = path(name, value);
      case "--node.name" -> nodeName = nonEmpty(name, value);
      case "--kubernetes.pods-url" -> podsUrl = url(name, value);
      case "--kubernetes.token-file" -> tokenFile = path(name, value);
      case "--kubernetes.ca-file" -> caFile = path(name, value);
      case "--energy.model" -> energyModel = nonEmpty(name, value);
      case "--energy.idle-watts" -> idleWatts = watts(name, value);
      case "--energy.idle-watts-per-core" -> idleWattsPerCore = watts(name, value);
      case "--energy.dynamic-watts-per-core" -> dynamicWattsPerCore = watts(name, value);
      case "--gpu.nvml-library" -> nvml = path(name, value);
      case "--logs.push-url" -> logsPushUrl = url(name, value);
      case "--logs.tenant" -> logsTenant = value;
      case "--data" -> data = path(name, value);
      case "--warmup.rounds" -> warmupRounds = rounds(name, value);
      default -> throw new UsageException("unknown flag " + name + " (see moraine agent --help)");
    }
  }

  private static int rounds(String name, String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n >= 0 && n <= MAX_WARMUP_ROUNDS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "invalid value '" + value + "' for " + name + ": want 0 to " + MAX_WARMUP_ROUNDS);
  }

  private static String nonEmpty(String name, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException("empty value for " + name);
    }
    return value;
  }

  private static double watts(String name, String value) throws UsageException {
    try {
      double w = Double.parseDouble(value);
      if (w >= 0 && !Double.isInfinite(w)) {
        return w;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new UsageException("invalid value '" + value + "' for " + name + ": want watts >= 0");
  }

  /** The preset named by --energy.model with the wattages given by flags in place of its own. */
  private PowerModel powerModel() {
    PowerModel p = PowerModel.preset(energyModel);
    return new PowerModel(
        p.name(),
        idleWatts != null ? idleWatts : p.idleWatts(),
        idleWattsPerCore != null ? idleWattsPerCore : p.idleWattsPerCore(),
        dynamicWattsPerCore != null ? dynamicWattsPerCore : p.dynamicWattsPerCore(),
        p.split());
  }

  private static Path path(String name, String value) throws UsageException {
    try {
      return Path.of(nonEmpty(name, value));
    } catch (InvalidPathException e) {
      throw new UsageException("invalid path '" + value + "' for " + name + ": " + e.getReason());
    }
  }

  private static URI url(String name, String value) throws UsageException {
    try {
      URI u = new URI(value);
      String scheme = u.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || u.getHost() == null) {
        throw new UsageException(
            "invalid URL '" + value + "' for " + name + ": want http(s)://host[:port]/path");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new UsageException("invalid URL '" + value + "' for " + name + ": " + e.getMessage());
    }
  }

  /**
   * The agent's options, with defaults from the environment ({@code NODE_NAME}, {@code
   * KUBERNETES_SERVICE_HOST}/{@code _PORT} and the service account files).
   *
   * @param exists whether a file exists (the service account's token and CA)
   * @throws UsageException when the options do not fit together
   */
  AgentOptions toOptions(Map<String, String> env, Predicate<Path> exists) throws UsageException {
    try {
      return new AgentOptions(
          listen.toSocketAddress(),
          new HostPaths(procfs, sysfs, rootfs),
          switches,
          nodeName(env),
          kubernetes(env, exists),
          powerModel(),
          nvml,
          logsPushUrl == null ? null : new AgentOptions.Logs(logsPushUrl, logsTenant, data),
          warmupRounds);
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  AgentOptions toOptions(Map<String, String> env) throws UsageException {
    return toOptions(env, Files::exists);
  }

  private String nodeName(Map<String, String> env) {
    if (nodeName != null) {
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

  private AgentOptions.@Nullable Kubernetes kubernetes(
      Map<String, String> env, Predicate<Path> exists) throws UsageException {
    URI url = podsUrl;
    Path token = tokenFile;
    Path ca = caFile;
    String host = env.get("KUBERNETES_SERVICE_HOST");
    String node = env.get("NODE_NAME");
    if (url == null && host != null && node != null) {
      String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
      String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      url =
          url(
              "$KUBERNETES_SERVICE_HOST",
              "https://" + h + ":" + port + "/api/v1/pods?fieldSelector=spec.nodeName=" + node);
      if (token == null && exists.test(Path.of(SA_DIR, "token"))) {
        token = Path.of(SA_DIR, "token");
      }
      if (ca == null && exists.test(Path.of(SA_DIR, "ca.crt"))) {
        ca = Path.of(SA_DIR, "ca.crt");
      }
    }
    return url == null ? null : new AgentOptions.Kubernetes(url, token, ca, insecure);
  }

  /** The help text. */
  static String usage() {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("Usage: moraine agent [flags]\n");
    sb.append(
        "Run the node agent (host, container, energy, GPU telemetry; log shipping) until stopped.\n\n");
    for (String[] f : FLAGS) {
      sb.append(String.format("  %-36s %s%n", f[0], f[1]));
    }
    sb.append("\nCollectors (--collector.NAME turns one on, --no-collector.NAME off):\n");
    for (Catalog.Entry e : Catalog.entries()) {
      sb.append(
          String.format(
              "  %-12s %-4s %s%n", e.name(), e.enabledByDefault() ? "on" : "off", e.description()));
    }
    return sb.toString();
  }
}
