package io.moraine.rules.template;

import io.moraine.core.labels.Labels;
import io.moraine.rules.template.Func.Param;
import io.moraine.rules.template.Values.GoList;
import io.moraine.rules.template.Values.GoMap;
import io.moraine.rules.template.Values.GoTime;
import io.moraine.rules.template.Values.ListKind;
import io.moraine.rules.template.Values.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code .Name} on Alertmanager's template types: the fields of {@code Data}, {@code Alert} and
 * {@code Pair}, and the methods of {@code KV} ({@code SortedPairs Names Values Remove}), {@code
 * Alerts} ({@code Firing Resolved}) and {@code Pairs} ({@code Names Values}). Stateless.
 */
final class NotifyFields {
  private NotifyFields() {}

  /** Go's zero {@code time.Time} (0001-01-01 UTC) in Unix milliseconds. */
  static final long GO_ZERO_TIME_MILLIS = -62_135_596_800_000L;

  /** Whether {@code recv} is one of the types this class resolves {@code name} on. */
  static boolean handles(Object recv, String name) {
    return switch (recv) {
      case NotificationData d -> true;
      case NotificationData.Alert a -> true;
      case Pair p -> true;
      case GoList l -> l.kind() != ListKind.STRINGS;
      case GoMap m ->
          m.kv()
              && (name.equals("SortedPairs")
                  || name.equals("Names")
                  || name.equals("Values")
                  || name.equals("Remove"));
      default -> false;
    };
  }

  static @Nullable Object get(
      Exec s,
      Node at,
      @Nullable Object dot,
      Object recv,
      String name,
      List<Node> args,
      @Nullable Object fin) {
    boolean hasArgs = args.size() > 1 || fin != Exec.MISSING;
    Object field =
        switch (recv) {
          case NotificationData d -> dataField(d, name);
          case NotificationData.Alert a -> alertField(a, name);
          case Pair p ->
              switch (name) {
                case "Name" -> p.name();
                case "Value" -> p.value();
                default -> Exec.MISSING;
              };
          default -> Exec.MISSING;
        };
    if (field != Exec.MISSING) {
      if (hasArgs) {
        throw s.error(name + " has arguments but cannot be invoked as function");
      }
      return field;
    }
    Func method = method(recv, name);
    if (method == null) {
      throw s.error("can't evaluate field " + name + " in type " + Values.typeName(recv));
    }
    return s.call(dot, method, at, args, fin);
  }

  private static Object dataField(NotificationData d, String name) {
    return switch (name) {
      case "Receiver" -> d.receiver();
      case "Status" -> d.status();
      case "Alerts" -> new GoList(new ArrayList<>(d.alerts()), ListKind.ALERTS);
      case "GroupLabels" -> GoMap.kv(d.groupLabels());
      case "CommonLabels" -> GoMap.kv(d.commonLabels());
      case "CommonAnnotations" -> GoMap.kv(d.commonAnnotations());
      case "ExternalURL" -> d.externalUrl();
      default -> Exec.MISSING;
    };
  }

  private static Object alertField(NotificationData.Alert a, String name) {
    return switch (name) {
      case "Status" -> a.status();
      case "Labels" -> GoMap.kv(a.labels());
      case "Annotations" -> GoMap.kv(a.annotations());
      case "StartsAt" -> time(a.startsAtMillis());
      case "EndsAt" -> time(a.endsAtMillis());
      case "GeneratorURL" -> a.generatorUrl();
      case "Fingerprint" -> a.fingerprint();
      default -> Exec.MISSING;
    };
  }

  private static GoTime time(long millis) {
    return new GoTime(millis <= 0 ? GO_ZERO_TIME_MILLIS : millis);
  }

  private static @Nullable Func method(Object recv, String name) {
    return switch (recv) {
      case GoMap m when m.kv() ->
          switch (name) {
            case "SortedPairs" -> Func.of(name, (a, e) -> sortedPairs(m));
            case "Names" -> Func.of(name, (a, e) -> pairsPart(sortedPairs(m), true));
            case "Values" -> Func.of(name, (a, e) -> pairsPart(sortedPairs(m), false));
            case "Remove" -> Func.of(name, (a, e) -> remove(m, (GoList) a.get(0)), Param.STRINGS);
            default -> null;
          };
      case GoList l when l.kind() == ListKind.ALERTS ->
          switch (name) {
            case "Firing" -> Func.of(name, (a, e) -> alerts(l, true));
            case "Resolved" -> Func.of(name, (a, e) -> alerts(l, false));
            default -> null;
          };
      case GoList l when l.kind() == ListKind.PAIRS ->
          switch (name) {
            case "Names" -> Func.of(name, (a, e) -> pairsPart(l, true));
            case "Values" -> Func.of(name, (a, e) -> pairsPart(l, false));
            default -> null;
          };
      default -> null;
    };
  }

  /** {@code KV.SortedPairs}: by name in byte order, {@code alertname} first. */
  static GoList sortedPairs(GoMap m) {
    List<String> names = new ArrayList<>(m.entries().keySet());
    names.remove("alertname");
    names.sort(Labels::compareUtf8);
    if (m.entries().containsKey("alertname")) {
      names.addFirst("alertname");
    }
    List<@Nullable Object> pairs = new ArrayList<>(names.size());
    for (String n : names) {
      pairs.add(new Pair(n, String.valueOf(m.entries().get(n))));
    }
    return new GoList(pairs, ListKind.PAIRS);
  }

  private static GoList pairsPart(GoList pairs, boolean names) {
    List<String> out = new ArrayList<>(pairs.items().size());
    for (Object o : pairs.items()) {
      Pair p = (Pair) java.util.Objects.requireNonNull(o);
      out.add(names ? p.name() : p.value());
    }
    return GoList.strings(out);
  }

  private static GoMap remove(GoMap m, @Nullable GoList keys) {
    Map<String, @Nullable Object> copy = new TreeMap<>(m.entries());
    if (keys != null) {
      for (Object k : keys.items()) {
        copy.remove(String.valueOf(k));
      }
    }
    return new GoMap(new TreeMap<>(copy), false, true);
  }

  private static GoList alerts(GoList l, boolean firing) {
    List<@Nullable Object> out = new ArrayList<>();
    for (Object o : l.items()) {
      if (o instanceof NotificationData.Alert a && a.status().equals("firing") == firing) {
        out.add(a);
      }
    }
    return new GoList(out, ListKind.ALERTS);
  }
}
