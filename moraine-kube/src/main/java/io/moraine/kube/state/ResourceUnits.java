package io.moraine.kube.state;

import io.moraine.kube.model.Resources;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * kube-state-metrics' {@code resource} and {@code unit} labels for Kubernetes resource names:
 * {@code cpu} in cores; {@code memory}, {@code storage}, {@code ephemeral-storage}, {@code
 * hugepages-*} and {@code attachable-volumes-*} in bytes; {@code pods} (nodes only) and extended
 * resources ({@code vendor.domain/name} outside {@code kubernetes.io/}) as integers; anything else
 * is not exposed. Names are sanitised to label-value form ({@code nvidia.com/gpu} becomes {@code
 * nvidia_com_gpu}).
 */
final class ResourceUnits {
  /** KSM's sanitiser: every character outside {@code [a-zA-Z0-9_]} becomes {@code _}. */
  private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_]");

  /**
   * A qualified name as Kubernetes validates an extended resource's quota name ({@code
   * requests.<name>}): an optional DNS-subdomain prefix and a name of at most 63 characters.
   */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  static final String CORE = "core";
  static final String BYTE = "byte";
  static final String INTEGER = "integer";

  private ResourceUnits() {}

  /** The resource label value of {@code resource}. */
  static String sanitize(String resource) {
    return INVALID.matcher(resource).replaceAll("_");
  }

  /**
   * The unit of {@code resource}, or null when kube-state-metrics does not expose it.
   *
   * @param node whether this is a node's capacity or allocatable ({@code pods} counts only there)
   */
  static @Nullable String unitOf(String resource, boolean node) {
    return switch (resource) {
      case "cpu" -> CORE;
      case "memory", "storage", "ephemeral-storage" -> BYTE;
      case "pods" -> node ? INTEGER : null;
      default -> {
        if (resource.startsWith("hugepages-") || resource.startsWith("attachable-volumes-")) {
          yield BYTE;
        }
        yield extended(resource) ? INTEGER : null;
      }
    };
  }

  private static boolean extended(String resource) {
    if (!resource.contains("/")
        || resource.contains("kubernetes.io/")
        || resource.startsWith("requests.")) {
      return false;
    }
    String quota = "requests." + resource;
    int slash = quota.indexOf('/');
    return slash <= 253 && QUALIFIED.matcher(quota).matches();
  }

  /**
   * Adds one series per exposed resource of {@code amounts}.
   *
   * @param wholeUnits whether bytes and integers are rounded up to whole numbers, as KSM does for
   *     pod containers (Quantity.Value()); node amounts keep their milli precision
   */
  static void addAll(
      SeriesCollector out,
      String name,
      String[] objectLabels,
      Resources amounts,
      boolean node,
      boolean wholeUnits) {
    for (Map.Entry<String, Double> e : amounts.amounts().entrySet()) {
      String unit = unitOf(e.getKey(), node);
      if (unit == null) {
        continue;
      }
      double v = e.getValue();
      if (wholeUnits && !CORE.equals(unit)) {
        v = Math.ceil(v);
      }
      out.add(name, objectLabels, v, "resource", sanitize(e.getKey()), "unit", unit);
    }
  }
}
