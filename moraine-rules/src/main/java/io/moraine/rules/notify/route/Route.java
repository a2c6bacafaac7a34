package io.moraine.rules.notify.route;

import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.core.labels.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A node of the resolved routing tree: every field inherited and defaulted. Immutable.
 *
 * @param key the route's key, its matchers' and its ancestors' ({@code {}/{team="a"}}), as
 *     Alertmanager's {@code Route.Key}
 * @param groupBy the grouping labels; null groups by all labels ({@code ...})
 * @param muteTimeIntervals this route's own (never inherited) mute time interval names
 * @param activeTimeIntervals this route's own active time interval names; empty: always active
 */
record Route(
    String key,
    List<Matcher> matchers,
    String receiver,
    @Nullable Set<String> groupBy,
    boolean continueMatching,
    long groupWaitMillis,
    long groupIntervalMillis,
    long repeatIntervalMillis,
    List<Route> children,
    List<String> muteTimeIntervals,
    List<String> activeTimeIntervals) {
  static final String GROUP_BY_ALL = "...";

  private static final Comparator<Matcher> ORDER =
      Comparator.comparing(Matcher::name)
          .thenComparing(Matcher::value)
          .thenComparing(Matcher::type);

  /**
   * Resolves a configured tree.
   *
   * @throws InvalidRouteException as Alertmanager's config loading would
   */
  static Route root(RouteConfig cfg) {
    return root(cfg, Set.of());
  }

  /**
   * Resolves a configured tree whose routes may name the time intervals in {@code intervalNames}.
   *
   * @throws InvalidRouteException as Alertmanager's config loading would
   */
  static Route root(RouteConfig cfg, Set<String> intervalNames) {
    if (cfg.receiver() == null || cfg.receiver().isEmpty()) {
      throw new InvalidRouteException("root route must specify a default receiver");
    }
    if (!cfg.matchers().isEmpty()) {
      throw new InvalidRouteException("root route must not have any matchers");
    }
    if (!cfg.muteTimeIntervals().isEmpty()) {
      throw new InvalidRouteException("root route must not have any mute time intervals");
    }
    if (!cfg.activeTimeIntervals().isEmpty()) {
      throw new InvalidRouteException("root route must not have any active time intervals");
    }
    checkTimeIntervals(cfg, intervalNames);
    Route defaults =
        new Route(
            "",
            List.of(),
            cfg.receiver(),
            Set.of(),
            false,
            RouteConfig.DEFAULT_GROUP_WAIT.toMillis(),
            RouteConfig.DEFAULT_GROUP_INTERVAL.toMillis(),
            RouteConfig.DEFAULT_REPEAT_INTERVAL.toMillis(),
            List.of(),
            List.of(),
            List.of());
    return resolve(cfg, defaults, null);
  }

  private static Route resolve(RouteConfig cfg, Route parent, @Nullable String parentKey) {
    List<Matcher> ms = new ArrayList<>(cfg.matchers());
    ms.sort(ORDER);
    String key = (parentKey == null ? "" : parentKey + "/") + matchersString(ms);
    String receiver = cfg.receiver() != null ? cfg.receiver() : parent.receiver;
    Set<String> groupBy = cfg.groupBy() != null ? groupBy(cfg.groupBy()) : parent.groupBy;
    Route self =
        new Route(
            key,
            List.copyOf(ms),
            receiver,
            groupBy,
            cfg.continueMatching(),
            millis(cfg.groupWait(), parent.groupWaitMillis, "group_wait", true),
            millis(cfg.groupInterval(), parent.groupIntervalMillis, "group_interval", false),
            millis(cfg.repeatInterval(), parent.repeatIntervalMillis, "repeat_interval", false),
            List.of(),
            cfg.muteTimeIntervals(),
            cfg.activeTimeIntervals());
    List<Route> kids = new ArrayList<>();
    for (RouteConfig c : cfg.routes()) {
      kids.add(resolve(c, self, key));
    }
    return new Route(
        key,
        self.matchers,
        receiver,
        groupBy,
        self.continueMatching,
        self.groupWaitMillis,
        self.groupIntervalMillis,
        self.repeatIntervalMillis,
        List.copyOf(kids),
        self.muteTimeIntervals,
        self.activeTimeIntervals);
  }

  /** Alertmanager's order: children first, then active, then mute names. */
  private static void checkTimeIntervals(RouteConfig cfg, Set<String> names) {
    for (RouteConfig c : cfg.routes()) {
      checkTimeIntervals(c, names);
    }
    for (String n : cfg.activeTimeIntervals()) {
      checkTimeInterval(n, names);
    }
    for (String n : cfg.muteTimeIntervals()) {
      checkTimeInterval(n, names);
    }
  }

  private static void checkTimeInterval(String name, Set<String> names) {
    if (!names.contains(name)) {
      throw new InvalidRouteException("undefined time interval \"" + name + "\" used in route");
    }
  }

  private static long millis(
      @Nullable Duration d, long inherited, String name, boolean zeroAllowed) {
    if (d == null) {
      return inherited;
    }
    if (d.isNegative() || (!zeroAllowed && d.isZero())) {
      throw new InvalidRouteException(name + " cannot be " + (d.isZero() ? "zero" : "negative"));
    }
    return d.toMillis();
  }

  private static @Nullable Set<String> groupBy(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    boolean all = false;
    for (String n : names) {
      if (GROUP_BY_ALL.equals(n)) {
        all = true;
      } else if (!LabelValidation.isValidLabelName(n)) {
        throw new InvalidRouteException("invalid label name \"" + n + "\" in group_by list");
      } else if (!out.add(n)) {
        throw new InvalidRouteException("duplicated label \"" + n + "\" in group_by");
      }
    }
    if (all && !out.isEmpty()) {
      throw new InvalidRouteException(
          "cannot have wildcard group_by (`...`) and other other labels at the same time");
    }
    return all ? null : Set.copyOf(out);
  }

  static String matchersString(List<Matcher> ms) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < ms.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(ms.get(i));
    }
    return sb.append('}').toString();
  }

  /**
   * The routes an alert goes to: depth first, the deepest matching routes; siblings after a match
   * only when it has {@code continue}; this route itself when no child matches. Empty when this
   * route's own matchers fail.
   */
  List<Route> match(Labels labels) {
    if (!matchesAll(matchers, labels)) {
      return List.of();
    }
    List<Route> all = new ArrayList<>();
    for (Route child : children) {
      List<Route> m = child.match(labels);
      all.addAll(m);
      if (!m.isEmpty() && !child.continueMatching) {
        break;
      }
    }
    if (all.isEmpty()) {
      all.add(this);
    }
    return all;
  }

  static boolean matchesAll(List<Matcher> ms, Labels labels) {
    for (Matcher m : ms) {
      if (!m.matches(labels.getOrEmpty(m.name()))) {
        return false;
      }
    }
    return true;
  }

  /** The alert's values of the grouping labels (those it has), or all its labels for "...". */
  Labels groupLabels(Labels alert) {
    if (groupBy == null) {
      return alert;
    }
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < alert.size(); i++) {
      if (groupBy.contains(alert.name(i))) {
        b.add(alert.name(i), alert.value(i));
      }
    }
    return b.build();
  }
}
