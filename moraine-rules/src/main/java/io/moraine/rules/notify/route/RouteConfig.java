package io.moraine.rules.notify.route;

import io.moraine.core.labels.Matcher;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One node of the routing tree, as Alertmanager's {@code route} block. Immutable.
 *
 * <p>A null field is unset and inherited from the parent route; at the root, unset timings take
 * {@link #DEFAULT_GROUP_WAIT}, {@link #DEFAULT_GROUP_INTERVAL} and {@link
 * #DEFAULT_REPEAT_INTERVAL}, and an unset {@code groupBy} groups everything into one group.
 *
 * @param receiver the receiver's name; required at the root
 * @param groupBy label names to group by; {@code "..."} alone groups by all labels; null inherits
 * @param continueMatching Alertmanager's {@code continue}: after this route matches, go on trying
 *     its next siblings
 * @param matchers all must match an alert's labels (a missing label matches as ""); the root has
 *     none
 * @param groupWait how long a new group waits before its first notification
 * @param groupInterval how long a group waits before notifying about changes
 * @param repeatInterval how long a group waits before repeating an unchanged notification
 * @param routes child routes, tried in order
 * @param muteTimeIntervals names of time intervals during which this route notifies nothing; not
 *     inherited by child routes (as in Alertmanager); the root must have none
 * @param activeTimeIntervals names of time intervals outside which this route notifies nothing
 *     (empty: always active); not inherited; the root must have none
 */
public record RouteConfig(
    @Nullable String receiver,
    @Nullable List<String> groupBy,
    boolean continueMatching,
    List<Matcher> matchers,
    @Nullable Duration groupWait,
    @Nullable Duration groupInterval,
    @Nullable Duration repeatInterval,
    List<RouteConfig> routes,
    List<String> muteTimeIntervals,
    List<String> activeTimeIntervals) {
  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  /** Everything unset: no receiver, no matchers, no children. */
  public static final RouteConfig DEFAULT =
      new RouteConfig(null, null, false, List.of(), null, null, null, List.of());

  public RouteConfig {
    groupBy = groupBy == null ? null : List.copyOf(groupBy);
    matchers = List.copyOf(matchers);
    routes = List.copyOf(routes);
    muteTimeIntervals = List.copyOf(muteTimeIntervals);
    activeTimeIntervals = List.copyOf(activeTimeIntervals);
  }

  /** A route without time intervals. */
  public RouteConfig(
      @Nullable String receiver,
      @Nullable List<String> groupBy,
      boolean continueMatching,
      List<Matcher> matchers,
      @Nullable Duration groupWait,
      @Nullable Duration groupInterval,
      @Nullable Duration repeatInterval,
      List<RouteConfig> routes) {
    this(
        receiver,
        groupBy,
        continueMatching,
        matchers,
        groupWait,
        groupInterval,
        repeatInterval,
        routes,
        List.of(),
        List.of());
  }

  /** A root route sending everything to {@code receiver}, with the default timings. */
  public static RouteConfig root(String receiver) {
    return DEFAULT.withReceiver(receiver);
  }

  public RouteConfig withReceiver(@Nullable String r) {
    return new RouteConfig(
        r,
        groupBy,
        continueMatching,
        matchers,
        groupWait,
        groupInterval,
        repeatInterval,
        routes,
        muteTimeIntervals,
        activeTimeIntervals);
  }

  public RouteConfig withGroupBy(@Nullable List<String> g) {
    return new RouteConfig(
        receiver,
        g,
        continueMatching,
        matchers,
        groupWait,
        groupInterval,
        repeatInterval,
        routes,
        muteTimeIntervals,
        activeTimeIntervals);
  }

  public RouteConfig withContinue(boolean c) {
    return new RouteConfig(
        receiver,
        groupBy,
        c,
        matchers,
        groupWait,
        groupInterval,
        repeatInterval,
        routes,
        muteTimeIntervals,
        activeTimeIntervals);
  }

  public RouteConfig withMatchers(List<Matcher> m) {
    return new RouteConfig(
        receiver,
        groupBy,
        continueMatching,
        m,
        groupWait,
        groupInterval,
        repeatInterval,
        routes,
        muteTimeIntervals,
        activeTimeIntervals);
  }

  public RouteConfig withTimings(
      @Nullable Duration wait, @Nullable Duration interval, @Nullable Duration repeat) {
    return new RouteConfig(
        receiver,
        groupBy,
        continueMatching,
        matchers,
        wait,
        interval,
        repeat,
        routes,
        muteTimeIntervals,
        activeTimeIntervals);
  }

  public RouteConfig withRoutes(List<RouteConfig> r) {
    return new RouteConfig(
        receiver,
        groupBy,
        continueMatching,
        matchers,
        groupWait,
        groupInterval,
        repeatInterval,
        r,
        muteTimeIntervals,
        activeTimeIntervals);
  }

  /** This route with the names of its mute and active time intervals. */
  public RouteConfig withTimeIntervals(List<String> mute, List<String> active) {
    return new RouteConfig(
        receiver,
        groupBy,
        continueMatching,
        matchers,
        groupWait,
        groupInterval,
        repeatInterval,
        routes,
        mute,
        active);
  }
}
