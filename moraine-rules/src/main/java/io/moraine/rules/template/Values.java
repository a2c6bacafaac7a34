package io.moraine.rules.template;

import io.moraine.promql.parser.GoText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The Go values a template handles, as Java objects: {@code String} (string), {@code Long} (int),
 * {@code Double} (float64), {@code Boolean} (bool), {@link GoMap}, {@link QueryResult}, {@link
 * QuerySample} (*sample), {@link AlertData}, {@link GoTime} (*time.Time), {@link Html}
 * (template.HTML); {@code null} is Go's invalid value (nil). Their Go type names, truth and {@code
 * %v} printing. Stateless.
 */
final class Values {
  private Values() {}

  /** A Go map with string keys, iterated in key order; values strings or anything. */
  record GoMap(SortedMap<String, @Nullable Object> entries, boolean anyValues, boolean kv) {
    GoMap(SortedMap<String, @Nullable Object> entries, boolean anyValues) {
      this(entries, anyValues, false);
    }

    static GoMap ofStrings(Map<String, String> m) {
      return new GoMap(new TreeMap<>(m), false);
    }

    /** Alertmanager's {@code template.KV}: a string map with methods. */
    static GoMap kv(Map<String, String> m) {
      return new GoMap(new TreeMap<>(m), false, true);
    }

    /** The zero value of the element type: what a missing key yields (missingkey=zero). */
    @Nullable Object zero() {
      return anyValues ? null : "";
    }
  }

  /** The Go slice types of notification templates. */
  enum ListKind {
    STRINGS("[]string"),
    ALERTS("template.Alerts"),
    PAIRS("template.Pairs");

    final String goType;

    ListKind(String goType) {
      this.goType = goType;
    }
  }

  /** A Go slice: {@code []string}, Alertmanager's {@code Alerts} or {@code Pairs}. */
  record GoList(List<@Nullable Object> items, ListKind kind) {
    static GoList strings(List<String> s) {
      return new GoList(List.copyOf(s), ListKind.STRINGS);
    }
  }

  /** Alertmanager's {@code template.Pair}. */
  record Pair(String name, String value) {}

  /** Prometheus's {@code queryResult}: a slice of samples. */
  record QueryResult(List<QuerySample> samples) {}

  /** The data an alert template runs on. */
  record AlertData(GoMap labels, GoMap externalLabels, String externalUrl, double value) {}

  /** A {@code *time.Time} in UTC, to the millisecond (Prometheus's model.Time precision). */
  record GoTime(long epochMillis) {
    @Override
    public String toString() {
      ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
      StringBuilder sb = new StringBuilder(40);
      sb.append(
          String.format(
              "%04d-%02d-%02d %02d:%02d:%02d",
              t.getYear(),
              t.getMonthValue(),
              t.getDayOfMonth(),
              t.getHour(),
              t.getMinute(),
              t.getSecond()));
      int ms = t.getNano() / 1_000_000;
      if (ms != 0) {
        String frac = String.format("%03d", ms);
        sb.append('.').append(frac.replaceAll("0+$", ""));
      }
      return sb.append(" +0000 UTC").toString();
    }
  }

  /** {@code html/template.HTML}: a string the HTML escaper leaves alone. */
  record Html(String text) {}

  private static final String ALERT_DATA_TYPE =
      "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string;"
          + " Value float64 }";

  /** Go's {@code %T}. */
  static String typeName(@Nullable Object v) {
    return switch (v) {
      case null -> "<nil>";
      case String s -> "string";
      case Long l -> "int";
      case Double d -> "float64";
      case Boolean b -> "bool";
      case GoMap m when m.kv() -> "template.KV";
      case GoMap m -> m.anyValues() ? "map[string]interface {}" : "map[string]string";
      case GoList l -> l.kind().goType;
      case Pair p -> "template.Pair";
      case NotificationData d -> "*template.Data";
      case NotificationData.Alert a -> "template.Alert";
      case QueryResult r -> "template.queryResult";
      case QuerySample s -> "*template.sample";
      case AlertData d -> ALERT_DATA_TYPE;
      case GoTime t -> "*time.Time";
      case Html h -> "template.HTML";
      default -> v.getClass().getSimpleName();
    };
  }

  /** Go's truth of a value ({@code if}, {@code with}, {@code and}, {@code or}, {@code not}). */
  static boolean truth(@Nullable Object v) {
    return switch (v) {
      case null -> false;
      case String s -> !s.isEmpty();
      case Html h -> !h.text().isEmpty();
      case Long l -> l != 0;
      case Double d -> d != 0;
      case Boolean b -> b;
      case GoMap m -> !m.entries().isEmpty();
      case QueryResult r -> !r.samples().isEmpty();
      case GoList l -> !l.items().isEmpty();
      default -> true; // structs and non-nil pointers
    };
  }

  /** Go's {@code fmt.Sprint} of one value ({@code %v}). */
  static String sprint(@Nullable Object v) {
    StringBuilder sb = new StringBuilder();
    appendValue(sb, v, 0);
    return sb.toString();
  }

  /** What a template action prints: like {@link #sprint}, pointers followed, nil as a mark. */
  static String printable(@Nullable Object v) {
    return switch (v) {
      case null -> "<no value>";
      case QuerySample s -> sprint(v).substring(1);
      default -> sprint(v);
    };
  }

  static void appendValue(StringBuilder sb, @Nullable Object v, int depth) {
    switch (v) {
      case null -> sb.append("<nil>");
      case String s -> sb.append(s);
      case Html h -> sb.append(h.text());
      case Double d -> sb.append(GoText.formatFloat(d));
      case GoMap m -> {
        sb.append("map[");
        boolean first = true;
        for (Map.Entry<String, @Nullable Object> e : m.entries().entrySet()) {
          if (!first) {
            sb.append(' ');
          }
          first = false;
          sb.append(e.getKey()).append(':');
          appendValue(sb, e.getValue(), depth + 1);
        }
        sb.append(']');
      }
      case GoList l -> {
        sb.append('[');
        for (int i = 0; i < l.items().size(); i++) {
          if (i > 0) {
            sb.append(' ');
          }
          appendValue(sb, l.items().get(i), depth + 1);
        }
        sb.append(']');
      }
      case Pair p -> sb.append('{').append(p.name()).append(' ').append(p.value()).append('}');
      case QueryResult r -> {
        sb.append('[');
        for (int i = 0; i < r.samples().size(); i++) {
          if (i > 0) {
            sb.append(' ');
          }
          appendValue(sb, r.samples().get(i), depth + 1);
        }
        sb.append(']');
      }
      case QuerySample s -> {
        // Go prints a nested pointer as its address; the fields are more useful and stable
        sb.append("&{");
        appendValue(sb, GoMap.ofStrings(s.labels()), depth + 1);
        sb.append(' ').append(GoText.formatFloat(s.value())).append('}');
      }
      case AlertData d -> {
        sb.append('{');
        appendValue(sb, d.labels(), depth + 1);
        sb.append(' ');
        appendValue(sb, d.externalLabels(), depth + 1);
        sb.append(' ').append(d.externalUrl()).append(' ');
        sb.append(GoText.formatFloat(d.value())).append('}');
      }
      default -> sb.append(v);
    }
  }
}
