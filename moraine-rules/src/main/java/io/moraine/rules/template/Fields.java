package io.moraine.rules.template;

import io.moraine.rules.template.Func.Param;
import io.moraine.rules.template.Values.AlertData;
import io.moraine.rules.template.Values.GoMap;
import io.moraine.rules.template.Values.GoTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code .Name} on a value: methods ({@code *time.Time}), struct fields (the alert data, a query
 * sample) and map keys (missing keys give the element's zero value, Prometheus's {@code
 * missingkey=zero}). Stateless.
 */
final class Fields {
  private Fields() {}

  private static final Map<String, Func> TIME_METHODS =
      Map.of(
          "Unix", Func.of("Unix", (a, e) -> Math.floorDiv(millis(a), 1000L), Param.ANY),
          "UnixMilli", Func.of("UnixMilli", (a, e) -> millis(a), Param.ANY),
          "UnixNano", Func.of("UnixNano", (a, e) -> millis(a) * 1_000_000L, Param.ANY),
          "UTC", Func.of("UTC", (a, e) -> a.get(0), Param.ANY),
          "String", Func.of("String", (a, e) -> String.valueOf(a.get(0)), Param.ANY));

  private static long millis(Args a) {
    return ((GoTime) java.util.Objects.requireNonNull(a.get(0))).epochMillis();
  }

  static @Nullable Object get(
      Exec s,
      Node at,
      @Nullable Object dot,
      @Nullable Object recv,
      String name,
      List<Node> args,
      @Nullable Object fin) {
    if (recv == null) {
      return null; // missingkey=zero: nil data yields nothing
    }
    boolean hasArgs = args.size() > 1 || fin != Exec.MISSING;
    if (recv instanceof GoTime t && TIME_METHODS.containsKey(name)) {
      Func m = TIME_METHODS.get(name);
      // the receiver is bound: the method sees it as its first argument, the call as no argument
      Func bound =
          new Func(name, List.of(), false, (a, e) -> m.body().call(new Args(List.of(t)), e));
      return s.call(dot, bound, at, args, fin);
    }
    if (NotifyFields.handles(recv, name)) {
      return NotifyFields.get(s, at, dot, recv, name, args, fin);
    }
    switch (recv) {
      case AlertData d -> {
        Object v =
            switch (name) {
              case "Labels" -> d.labels();
              case "ExternalLabels" -> d.externalLabels();
              case "ExternalURL" -> d.externalUrl();
              case "Value" -> d.value();
              default -> Exec.MISSING;
            };
        if (v != Exec.MISSING) {
          return structField(s, name, hasArgs, v);
        }
      }
      case QuerySample q -> {
        if (name.equals("Labels")) {
          return structField(s, name, hasArgs, GoMap.ofStrings(q.labels()));
        }
        if (name.equals("Value")) {
          return structField(s, name, hasArgs, q.value());
        }
      }
      case GoMap m -> {
        if (hasArgs) {
          throw s.error(name + " is not a method but has arguments");
        }
        return m.entries().containsKey(name) ? m.entries().get(name) : m.zero();
      }
      default -> {}
    }
    throw s.error("can't evaluate field " + name + " in type " + Values.typeName(recv));
  }

  private static Object structField(Exec s, String name, boolean hasArgs, Object v) {
    if (hasArgs) {
      throw s.error(name + " has arguments but cannot be invoked as function");
    }
    return v;
  }
}
