package io.moraine.agent.collector;

import io.moraine.core.exposition.TextWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MetricWriter} for tests: records families and samples, checks the writer contract (a
 * sample needs a family, a family is written once, label arrays pair up) and renders them in the
 * Prometheus text format for golden-file comparison.
 */
public final class Recorded implements MetricWriter {
  /** One recorded family. */
  public record Family(String name, MetricType type, String help, List<Sample> samples) {}

  /** One recorded sample; labels sorted by name. */
  public record Sample(Map<String, String> labels, double value) {}

  private final Map<String, Family> families = new LinkedHashMap<>();
  private @Nullable Family current;

  @Override
  public void family(String name, MetricType type, String help) {
    if (families.containsKey(name)) {
      throw new AssertionError("family written twice: " + name);
    }
    current = new Family(name, type, help, new ArrayList<>());
    families.put(name, current);
  }

  @Override
  public void sample(String[] labelNames, String[] labelValues, double value) {
    Family f = current;
    if (f == null) {
      throw new AssertionError("sample before any family");
    }
    if (labelNames.length != labelValues.length) {
      throw new AssertionError(
          f.name() + ": " + labelNames.length + " names, " + labelValues.length + " values");
    }
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelNames.length; i++) {
      if (labels.put(labelNames[i], labelValues[i]) != null) {
        throw new AssertionError(f.name() + ": label " + labelNames[i] + " twice");
      }
    }
    for (Sample s : f.samples()) {
      if (s.labels().equals(labels)) {
        throw new AssertionError(f.name() + ": duplicate series " + labels);
      }
    }
    f.samples().add(new Sample(labels, value));
  }

  /** The families with at least one sample, in the order written. */
  public Map<String, Family> families() {
    Map<String, Family> out = new LinkedHashMap<>();
    families.forEach(
        (k, v) -> {
          if (!v.samples().isEmpty()) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** The family's samples, or an empty list. */
  public List<Sample> samples(String family) {
    Family f = families.get(family);
    return f == null ? List.of() : f.samples();
  }

  /** The value of the one sample of {@code family} whose labels include {@code labels}. */
  public double value(String family, String... labelPairs) {
    Sample found = null;
    for (Sample s : samples(family)) {
      boolean match = true;
      for (int i = 0; i + 1 < labelPairs.length; i += 2) {
        if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
          match = false;
          break;
        }
      }
      if (match) {
        if (found != null) {
          throw new AssertionError(
              family + ": more than one sample matches " + List.of(labelPairs));
        }
        found = s;
      }
    }
    if (found == null) {
      throw new AssertionError(family + ": no sample matches " + List.of(labelPairs));
    }
    return found.value();
  }

  /**
   * The families in the text format, families sorted by name and samples by their label text, so
   * that golden files do not depend on directory listing order.
   */
  public String text() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TextWriter w = new TextWriter(bytes);
    try {
      for (Family f : new TreeMap<>(families()).values()) {
        w.help(f.name(), f.help());
        w.type(f.name(), f.type().text());
        List<String> lines = new ArrayList<>();
        for (Sample s : f.samples()) {
          ByteArrayOutputStream one = new ByteArrayOutputStream();
          TextWriter sw = new TextWriter(one);
          sw.sample(
              f.name(),
              s.labels().keySet().toArray(String[]::new),
              s.labels().values().toArray(String[]::new),
              s.value());
          sw.flush();
          lines.add(one.toString(StandardCharsets.UTF_8));
        }
        lines.sort(null);
        w.flush();
        for (String l : lines) {
          bytes.write(l.getBytes(StandardCharsets.UTF_8));
        }
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
