package io.moraine.logs.push;

import io.moraine.core.labels.Labels;
import io.moraine.core.time.Clock;
import io.moraine.logs.push.OtlpModel.Attr;
import io.moraine.logs.push.OtlpModel.Rec;
import io.moraine.logs.push.OtlpModel.Resource;
import io.moraine.logs.push.OtlpModel.Scope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decodes OTLP/HTTP logs ({@code POST /v1/logs}, protobuf or JSON) and maps them as Loki's OTLP
 * ingestion does by default: resource attributes named in {@link #DEFAULT_INDEX_LABELS} become the
 * stream's labels (names sanitized: characters other than letters and digits become {@code _}, a
 * leading digit gets {@code key_}, a single leading {@code _} gets {@code key}; map values flatten
 * to {@code parent_child}), a missing or empty {@code service.name} becomes {@code
 * unknown_service}; other resource attributes, scope attributes, {@code scope_name}, {@code
 * scope_version}, log attributes, {@code observed_timestamp} (when the record has both times),
 * {@code severity_number}, {@code severity_text}, {@code dropped_attributes_count}, {@code flags},
 * {@code trace_id} and {@code span_id} (hex) become structured metadata; the body (as text; other
 * types rendered as OTLP's {@code AsString}: JSON for maps and arrays, base64 for bytes) is the
 * line; the time is {@code time_unix_nano}, else {@code observed_time_unix_nano}, else now. Records
 * of resources with equal labels share one stream. Thread-safe.
 */
public final class OtlpLogsDecoder {
  /** Loki's {@code default_resource_attributes_as_index_labels}. */
  public static final List<String> DEFAULT_INDEX_LABELS =
      List.of(
          "service.name",
          "service.namespace",
          "service.instance.id",
          "deployment.environment",
          "cloud.region",
          "cloud.availability_zone",
          "k8s.cluster.name",
          "k8s.namespace.name",
          "k8s.pod.name",
          "k8s.container.name",
          "container.name",
          "k8s.replicaset.name",
          "k8s.deployment.name",
          "k8s.statefulset.name",
          "k8s.daemonset.name",
          "k8s.cronjob.name",
          "k8s.job.name");

  private final Set<String> indexLabels;
  private final Clock clock;

  /**
   * @param indexLabels resource attribute names (before sanitizing) that become stream labels
   * @param clock the time given to records that carry none
   */
  public OtlpLogsDecoder(List<String> indexLabels, Clock clock) {
    this.indexLabels = Set.copyOf(indexLabels);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Decodes a protobuf {@code ExportLogsServiceRequest}.
   *
   * @throws InvalidPushException naming the resource, scope and record that could not be read
   */
  public PushBatch decodeProtobuf(byte[] body, int offset, int length) {
    return map(OtlpProtobufReader.read(body, offset, length));
  }

  /**
   * Decodes a JSON {@code ExportLogsServiceRequest}.
   *
   * @throws InvalidPushException naming the resource, scope and record that could not be read
   */
  public PushBatch decodeJson(byte[] body, int offset, int length) {
    return map(OtlpJsonReader.read(body, offset, length));
  }

  private PushBatch map(List<Resource> resources) {
    ByteArena arena = new ByteArena(4096);
    Map<String, PushStream> streams = new LinkedHashMap<>();
    long nowNanos = clock.nowMillis() * 1_000_000L;
    for (Resource res : resources) {
      TreeMap<String, String> labels = new TreeMap<>();
      List<String> resMeta = new ArrayList<>();
      boolean hasService = false;
      for (Attr a : res.attributes()) {
        if (a.key().equals("service.name") && !OtlpValues.asString(a.value()).isEmpty()) {
          hasService = true;
        }
      }
      List<Attr> attrs = new ArrayList<>(res.attributes());
      if (!hasService) {
        attrs.removeIf(a -> a.key().equals("service.name"));
        attrs.add(new Attr("service.name", "unknown_service"));
      }
      for (Attr a : attrs) {
        List<String> kv = new ArrayList<>();
        OtlpValues.flatten(a.key(), a.value(), "", kv);
        if (indexLabels.contains(a.key())) {
          for (int i = 0; i < kv.size(); i += 2) {
            labels.put(kv.get(i), kv.get(i + 1));
          }
        } else {
          resMeta.addAll(kv);
        }
      }
      String[] pairs = new String[labels.size() * 2];
      int j = 0;
      for (Map.Entry<String, String> e : labels.entrySet()) {
        pairs[j++] = e.getKey();
        pairs[j++] = e.getValue();
      }
      PushStream stream =
          streams.computeIfAbsent(labels.toString(), k -> PushStream.ofPairs(pairs));
      for (Scope scope : res.scopes()) {
        List<String> scopeMeta = scopeMetadata(scope);
        for (Rec rec : scope.records()) {
          Labels.Builder meta = Labels.builder();
          recordMetadata(rec, meta);
          addAll(meta, resMeta);
          addAll(meta, scopeMeta);
          byte[] line = OtlpValues.asString(rec.body()).getBytes(StandardCharsets.UTF_8);
          int off = arena.append(line, 0, line.length);
          long ts =
              rec.timeNanos() != 0
                  ? rec.timeNanos()
                  : rec.observedNanos() != 0 ? rec.observedNanos() : nowNanos;
          stream.add(ts, off, line.length, meta.build());
        }
      }
    }
    return new PushBatch(arena.array(), new ArrayList<>(streams.values()));
  }

  private static List<String> scopeMetadata(Scope scope) {
    List<String> kv = new ArrayList<>();
    for (Attr a : scope.attributes()) {
      OtlpValues.flatten(a.key(), a.value(), "", kv);
    }
    if (!scope.name().isEmpty()) {
      kv.add("scope_name");
      kv.add(scope.name());
    }
    if (!scope.version().isEmpty()) {
      kv.add("scope_version");
      kv.add(scope.version());
    }
    if (scope.dropped() != 0) {
      kv.add("scope_dropped_attributes_count");
      kv.add(Long.toString(scope.dropped()));
    }
    return kv;
  }

  private static void recordMetadata(Rec rec, Labels.Builder meta) {
    List<String> kv = new ArrayList<>();
    for (Attr a : rec.attributes()) {
      OtlpValues.flatten(a.key(), a.value(), "", kv);
    }
    addAll(meta, kv);
    if (rec.timeNanos() != 0 && rec.observedNanos() != 0) {
      meta.add("observed_timestamp", Long.toString(rec.observedNanos()));
    }
    if (rec.severityNumber() != 0) {
      meta.add("severity_number", Integer.toString(rec.severityNumber()));
    }
    if (!rec.severityText().isEmpty()) {
      meta.add("severity_text", rec.severityText());
    }
    if (rec.dropped() != 0) {
      meta.add("dropped_attributes_count", Long.toString(rec.dropped()));
    }
    if (rec.flags() != 0) {
      meta.add("flags", Long.toString(rec.flags()));
    }
    if (!allZero(rec.traceId())) {
      meta.add("trace_id", HexFormat.of().formatHex(rec.traceId()));
    }
    if (!allZero(rec.spanId())) {
      meta.add("span_id", HexFormat.of().formatHex(rec.spanId()));
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static void addAll(Labels.Builder meta, List<String> kv) {
    for (int i = 0; i < kv.size(); i += 2) {
      meta.add(kv.get(i), kv.get(i + 1));
    }
  }
}
