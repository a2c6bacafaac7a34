package io.moraine.server.api.prom;

import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.storage.Storage;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.ErrorType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/status/buildinfo}, {@code runtimeinfo}, {@code flags}, {@code tsdb} and {@code
 * /api/v1/metadata}, in Prometheus 2.42's shapes. Go-specific fields carry the nearest Java figure
 * ({@code goroutineCount}: live threads, {@code GOMAXPROCS}: available processors, {@code
 * goVersion}: the Java runtime version) or "" ({@code GOGC}, {@code GODEBUG}).
 */
final class StatusEndpoints {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final ServerInfo info;
  private final MetricMetadataRegistry metadata;
  private final Supplier<? extends Storage> store;
  private final ConfigReloadStatus reload;

  StatusEndpoints(
      ServerInfo info,
      MetricMetadataRegistry metadata,
      Supplier<? extends Storage> store,
      ConfigReloadStatus reload) {
    this.info = info;
    this.reload = reload;
    this.metadata = metadata;
    this.store = store;
  }

  JsonData buildInfo(Params p, ServiceRequestContext ctx) {
    return g -> {
      g.writeStartObject();
      g.writeStringField("version", info.version());
      g.writeStringField("revision", "");
      g.writeStringField("branch", "");
      g.writeStringField("buildUser", "");
      g.writeStringField("buildDate", "");
      g.writeStringField("goVersion", "java" + Runtime.version());
      g.writeEndObject();
    };
  }

  JsonData runtimeInfo(Params p, ServiceRequestContext ctx) {
    String start = rfc3339Nano(info.startMillis());
    boolean reloaded = reload.lastSuccessful();
    String configTime = rfc3339Nano(reload.lastSuccessMillis());
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    return g -> {
      g.writeStartObject();
      g.writeStringField("startTime", start);
      g.writeStringField("CWD", System.getProperty("user.dir", ""));
      g.writeBooleanField("reloadConfigSuccess", reloaded);
      g.writeStringField("lastConfigTime", configTime);
      g.writeNumberField("corruptionCount", 0);
      g.writeNumberField("goroutineCount", threads);
      g.writeNumberField("GOMAXPROCS", Runtime.getRuntime().availableProcessors());
      g.writeStringField("GOGC", "");
      g.writeStringField("GODEBUG", "");
      g.writeStringField("storageRetention", info.storageRetention());
      g.writeEndObject();
    };
  }

  JsonData flags(Params p, ServiceRequestContext ctx) {
    Map<String, String> sorted = new TreeMap<>(info.flags());
    return g -> {
      g.writeStartObject();
      for (var e : sorted.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    };
  }

  JsonData tsdb(Params p, ServiceRequestContext ctx) {
    TsdbStatus.Status s = TsdbStatus.compute(store.get());
    return g -> TsdbStatus.write(g, s);
  }

  /** {@code limit} (a number; negative for all) and {@code metric} (one metric). */
  JsonData metadata(Params p, ServiceRequestContext ctx) {
    int limit = -1;
    String l = p.first("limit");
    if (!l.isEmpty()) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw new ApiException(ErrorType.BAD_DATA, "limit must be a number");
      }
    }
    Map<String, List<MetricMetadata>> found = metadata.snapshot(p.first("metric"), limit);
    return g -> {
      g.writeStartObject();
      for (var e : found.entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (MetricMetadata m : e.getValue()) {
          g.writeStartObject();
          g.writeStringField("type", m.type());
          g.writeStringField("help", m.help());
          g.writeStringField("unit", m.unit());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    };
  }

  /** Go's {@code time.RFC3339Nano} in UTC: trailing zeros of the fraction dropped. */
  static String rfc3339Nano(long millis) {
    Instant i = Instant.ofEpochMilli(millis);
    StringBuilder sb = new StringBuilder(SECONDS.format(i));
    int ms = i.getNano() / 1_000_000;
    if (ms != 0) {
      String frac = String.format(java.util.Locale.ROOT, "%03d", ms);
      sb.append('.').append(frac.replaceFirst("0+$", ""));
    }
    return sb.append('Z').toString();
  }
}
