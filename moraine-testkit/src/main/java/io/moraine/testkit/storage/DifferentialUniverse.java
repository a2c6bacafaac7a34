package io.moraine.testkit.storage;

import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * The names, values and series of the differential workload: few enough that matchers hit often,
 * with shared prefixes and regex metacharacters so that every matcher shape is exercised.
 */
final class DifferentialUniverse {
  private static final String[] METRICS = {"up", "http_requests_total", "node:load1", "up_total"};
  private static final String[] LABELS = {"job", "instance", "path", "le"};
  private static final String[] VALUES = {
    "foo", "foobar", "fo", "bar", "a.b", "x|y", "/api/v1", "1", "10", "+Inf"
  };
  private static final String[] REGEXES = {
    ".*",
    ".+",
    "foo",
    "fo.*",
    "fo.+",
    "foo|bar",
    "(bar|fo)",
    "a\\.b",
    "a.b",
    "1.*",
    "[0-9]+",
    "",
    "x\\|y",
    "/api/.*",
    "up.*",
    ".*_total"
  };

  private DifferentialUniverse() {}

  /** The series pool: a fixed seed, so every run draws from the same pool; a few are invalid. */
  static List<Labels> series() {
    Random r = new Random(1);
    List<Labels> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Labels.Builder b = Labels.builder().add("__name__", METRICS[r.nextInt(METRICS.length)]);
      for (String name : LABELS) {
        if (r.nextInt(3) > 0) {
          b.add(name, VALUES[r.nextInt(VALUES.length)]);
        }
      }
      out.add(b.build());
    }
    out.add(Labels.of("__name__", "bad-metric"));
    out.add(Labels.of("__name__", "up", "0label", "foo"));
    out.add(Labels.of("job", "foo"));
    return out.stream().distinct().toList();
  }

  /** Every label name that a valid series of the pool has. */
  static TreeSet<String> names() {
    TreeSet<String> names = new TreeSet<>(List.of(LABELS));
    names.add("__name__");
    return names;
  }

  /** Every value that label {@code name} has in a valid series of the pool. */
  static TreeSet<String> values(String name) {
    return name.equals("__name__")
        ? new TreeSet<>(List.of(METRICS))
        : new TreeSet<>(List.of(VALUES));
  }

  static String randomLabelName(Random rnd) {
    int i = rnd.nextInt(LABELS.length + 2);
    return i < LABELS.length ? LABELS[i] : i == LABELS.length ? "__name__" : "nope";
  }

  /** One to three matchers; usually, not always, at least one that does not match "". */
  static Matcher[] randomMatchers(Random rnd) {
    int n = 1 + rnd.nextInt(3);
    Matcher[] ms = new Matcher[n];
    for (int i = 0; i < n; i++) {
      ms[i] = randomMatcher(rnd);
    }
    boolean anyNonEmpty = false;
    for (Matcher m : ms) {
      anyNonEmpty |= !m.matchesEmpty();
    }
    if (!anyNonEmpty && rnd.nextInt(4) > 0) {
      ms[rnd.nextInt(n)] = Matcher.re("__name__", ".+");
    }
    return ms;
  }

  private static Matcher randomMatcher(Random rnd) {
    String name = randomLabelName(rnd);
    String[] values = name.equals("__name__") ? METRICS : VALUES;
    Matcher.Type type = Matcher.Type.values()[rnd.nextInt(4)];
    String value =
        switch (type) {
          case EQ, NEQ -> rnd.nextInt(6) == 0 ? "" : values[rnd.nextInt(values.length)];
          case RE, NRE -> REGEXES[rnd.nextInt(REGEXES.length)];
        };
    return Matcher.of(type, name, value);
  }
}
