package io.moraine.server.api.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.moraine.graph.sites.Amount;
import io.moraine.graph.sites.Answer;
import io.moraine.graph.sites.NodeReport;
import io.moraine.graph.sites.Resource;
import io.moraine.graph.sites.RunsOn;
import io.moraine.graph.sites.Usage;
import io.moraine.graph.sites.Window;
import io.moraine.graph.sites.WorkloadReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of the sites API: the Prometheus envelope ({@code status}, {@code data}, {@code
 * warnings}), times as RFC 3339, numbers as JSON numbers, null for unknown, and each value as
 * {@code {"value": n, "unit": "cores", "unit_iri": "http://qudt.org/vocab/unit/NUM"}} (usage:
 * {@code avg} and {@code max} with one unit). Stateless.
 */
final class SitesJson {
  private static final JsonFactory JSON = new JsonFactory();

  private SitesJson() {}

  /** A finished JSON document. */
  record Body(byte[] bytes) {}

  @FunctionalInterface
  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  static Body nodes(String site, Window w, Answer<List<NodeReport>> a) {
    return envelope(
        site,
        w,
        a.warnings(),
        g -> {
          g.writeArrayFieldStart("nodes");
          for (NodeReport n : a.value()) {
            node(g, n);
          }
          g.writeEndArray();
        });
  }

  static Body node(String site, Window w, Answer<NodeReport> a) {
    return envelope(
        site,
        w,
        a.warnings(),
        g -> {
          g.writeFieldName("node");
          node(g, a.value());
        });
  }

  static Body workloads(String site, Window w, Answer<List<WorkloadReport>> a) {
    return envelope(
        site,
        w,
        a.warnings(),
        g -> {
          g.writeArrayFieldStart("workloads");
          for (WorkloadReport r : a.value()) {
            workload(g, r);
          }
          g.writeEndArray();
        });
  }

  static Body workload(String site, Window w, Answer<WorkloadReport> a) {
    return envelope(
        site,
        w,
        a.warnings(),
        g -> {
          g.writeFieldName("workload");
          workload(g, a.value());
        });
  }

  private static Body envelope(String site, Window w, List<String> warnings, Writer data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", "success");
      g.writeObjectFieldStart("data");
      g.writeStringField("site", site);
      time(g, "start", w.start());
      time(g, "end", w.end());
      number(g, "window_seconds", w.millis() / 1000.0);
      data.write(g);
      g.writeEndObject();
      if (!warnings.isEmpty()) {
        g.writeArrayFieldStart("warnings");
        for (String s : warnings) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Body(out.toByteArray());
  }

  private static void node(JsonGenerator g, NodeReport n) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", n.name());
    g.writeStringField("id", n.id());
    g.writeStringField("iri", n.iri());
    text(g, "status", n.status());
    if (n.ready() == null) {
      g.writeNullField("ready");
    } else {
      g.writeBooleanField("ready", n.ready());
    }
    time(g, "created", n.created());
    time(g, "status_since", n.since());
    time(g, "end_time", n.end());
    text(g, "architecture", n.architecture());
    text(g, "kernel", n.kernel());
    text(g, "os", n.operatingSystem());
    text(g, "os_image", n.osImage());
    text(g, "gpu_model", n.gpuModel());
    g.writeObjectFieldStart("conditions");
    for (Map.Entry<String, String> c : new java.util.TreeMap<>(n.conditions()).entrySet()) {
      g.writeStringField(c.getKey(), c.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("resources");
    for (Resource r : Resource.values()) {
      NodeReport.Figures f = n.resource(r);
      g.writeObjectFieldStart(r.wireName());
      amount(g, "capacity", f.capacity());
      amount(g, "allocatable", f.allocatable());
      usage(g, f.used());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void workload(JsonGenerator g, WorkloadReport w) throws IOException {
    g.writeStartObject();
    g.writeStringField("namespace", w.namespace());
    g.writeStringField("name", w.name());
    g.writeStringField("kind", w.kind());
    g.writeStringField("id", w.id());
    g.writeStringField("iri", w.iri());
    text(g, "status", w.status());
    time(g, "start_time", w.start());
    time(g, "end_time", w.end());
    g.writeArrayFieldStart("runs_on");
    for (RunsOn r : w.runsOn()) {
      g.writeStartObject();
      g.writeStringField("node", r.node());
      time(g, "start_time", r.start());
      time(g, "end_time", r.end());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("resources");
    for (Resource r : Resource.values()) {
      WorkloadReport.Figures f = w.resource(r);
      g.writeObjectFieldStart(r.wireName());
      amount(g, "demanded", f.demanded());
      amount(g, "limits", f.limits());
      usage(g, f.used());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void amount(JsonGenerator g, String name, Amount a) throws IOException {
    g.writeObjectFieldStart(name);
    number(g, "value", a.value());
    g.writeStringField("unit", a.unit().wireName());
    g.writeStringField("unit_iri", a.unit().iri());
    g.writeEndObject();
  }

  private static void usage(JsonGenerator g, Usage u) throws IOException {
    g.writeObjectFieldStart("used");
    number(g, "avg", u.avg());
    number(g, "max", u.max());
    g.writeStringField("unit", u.unit().wireName());
    g.writeStringField("unit_iri", u.unit().iri());
    if (u.promql() == null) {
      g.writeNullField("promql");
    } else {
      g.writeStringField("promql", u.promql());
    }
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, @Nullable Double v) throws IOException {
    if (v == null) {
      g.writeNullField(name);
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumberField(name, v.longValue());
    } else {
      g.writeNumberField(name, v);
    }
  }

  private static void text(JsonGenerator g, String name, String v) throws IOException {
    if (v.isEmpty()) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, v);
    }
  }

  private static void time(JsonGenerator g, String name, @Nullable Instant t) throws IOException {
    if (t == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, t.toString());
    }
  }
}
