package io.moraine.ingest.push;

import io.moraine.core.labels.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks Pushgateway makes (by gathering all groups with the push applied) before it accepts a
 * push: no label named {@code __...} besides the name, no series twice in the group, and a family
 * type that agrees with the family of that name in every other group. Messages follow
 * client_golang's wording. Stateless.
 */
final class Consistency {
  private Consistency() {}

  /** The errors of the group {@code key} holding {@code families}; empty when consistent. */
  static List<String> check(
      GroupingKey key, Map<String, MetricFamily> families, Collection<PushGroup> others) {
    List<String> errors = new ArrayList<>();
    Set<Labels> seen = new HashSet<>();
    for (MetricFamily f : families.values()) {
      for (PushedSample s : f.samples()) {
        Labels l = s.labels();
        for (int i = 0; i < l.size(); i++) {
          if (l.name(i).startsWith("__") && !l.name(i).equals(Labels.METRIC_NAME)) {
            errors.add(describe(f, s) + " has a label with an invalid name: " + l.name(i));
          }
        }
        if (!seen.add(l)) {
          errors.add(describe(f, s) + " was collected before with the same name and label values");
        }
      }
    }
    for (PushGroup g : others) {
      if (g.key().equals(key)) {
        continue;
      }
      for (MetricFamily f : families.values()) {
        MetricFamily theirs = g.families().get(f.name());
        if (theirs != null && theirs.type() != f.type() && !f.samples().isEmpty()) {
          errors.add(describe(f, f.samples().get(0)) + " is not a " + theirs.type());
        }
      }
    }
    return errors;
  }

  /** client_golang's MultiError text of {@code errors} from the second gatherer. */
  static String multiError(List<String> errors) {
    StringBuilder sb = new StringBuilder().append(errors.size()).append(" error(s) occurred:");
    for (String e : errors) {
      sb.append("\n* [from Gatherer #2] ").append(e);
    }
    return sb.toString();
  }

  /** {@code collected metric "name" { label:{name:"a" value:"b"} gauge:{value:1}}}. */
  static String describe(MetricFamily f, PushedSample s) {
    StringBuilder sb = new StringBuilder("collected metric \"").append(f.name()).append("\" { ");
    Labels l = s.labels();
    for (int i = 0; i < l.size(); i++) {
      if (!l.name(i).equals(Labels.METRIC_NAME)) {
        sb.append("label:{name:\"").append(l.name(i)).append("\" value:\"");
        Labels.appendEscaped(sb, l.value(i));
        sb.append("\"} ");
      }
    }
    String kind = f.type().name().toLowerCase(java.util.Locale.ROOT);
    return sb.append(kind)
        .append(":{value:")
        .append(ProtoBody.goFloat(s.value()))
        .append("}}")
        .toString();
  }
}
