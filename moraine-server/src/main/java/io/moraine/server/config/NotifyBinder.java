package io.moraine.server.config;

import io.moraine.core.labels.Matcher;
import io.moraine.rules.notify.receiver.ReceiverConfig;
import io.moraine.rules.notify.route.InhibitRule;
import io.moraine.rules.notify.route.InvalidRouteException;
import io.moraine.rules.notify.route.MatcherText;
import io.moraine.rules.notify.route.RouteConfig;
import io.moraine.rules.notify.route.TimeInterval;
import io.moraine.rules.notify.route.TimeIntervalText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads Moraine's {@code notify} section with Alertmanager 0.25's rules and messages: {@code
 * global} ({@code resolve_timeout} and the receivers' defaults), {@code route} (with {@code
 * matchers} and the older {@code match}/{@code match_re}), {@code inhibit_rules}, {@code receivers}
 * (see {@link ReceiverBinder}), {@code time_intervals} and the older {@code mute_time_intervals}
 * with the routes' {@code mute_time_intervals} and {@code active_time_intervals}.
 */
final class NotifyBinder {
  private NotifyBinder() {}

  static NotifyConfig bind(Section top, Path baseDir) {
    boolean present = top.has("notify");
    Section n = top.section("notify");
    if (!present) {
      return NotifyConfig.DEFAULT;
    }
    Section global = n.section("global");
    Duration resolveTimeout = Duration.ofMillis(global.duration("resolve_timeout", 300_000));
    List<ReceiverConfig> receivers = ReceiverBinder.bind(n, global);
    global.rejectUnknown();
    Set<String> names = new HashSet<>();
    for (ReceiverConfig r : receivers) {
      names.add(r.name());
    }
    Map<String, List<TimeInterval>> intervals = new LinkedHashMap<>();
    for (Section m : n.sections("mute_time_intervals")) {
      namedInterval(m, intervals, "mute time interval");
    }
    for (Section t : n.sections("time_intervals")) {
      namedInterval(t, intervals, "time interval");
    }
    Section r = n.section("route");
    if (r.entries().isEmpty()) {
      throw n.error("route", "no routes provided");
    }
    RouteConfig root = route(r, names, intervals.keySet(), true);
    List<InhibitRule> inhibit = new ArrayList<>();
    for (Section i : n.sections("inhibit_rules")) {
      inhibit.add(inhibitRule(i));
    }
    n.rejectUnknown();
    return new NotifyConfig(root, inhibit, receivers, resolveTimeout, intervals);
  }

  private static RouteConfig route(
      Section r, Set<String> receivers, Set<String> intervals, boolean root) {
    String receiver = r.string("receiver");
    if (root && (receiver == null || receiver.isEmpty())) {
      throw r.error("receiver", "root route must specify a default receiver");
    }
    if (receiver != null && !receiver.isEmpty() && !receivers.contains(receiver)) {
      throw r.error("receiver", "undefined receiver \"" + receiver + "\" used in route");
    }
    List<Matcher> matchers = new ArrayList<>();
    matchers.addAll(matchers(r, "matchers"));
    for (var e : r.section("match").entries()) {
      matchers.add(Matcher.eq(e.key(), scalar(r, e)));
    }
    Section re = r.section("match_re");
    for (var e : re.entries()) {
      try {
        matchers.add(Matcher.re(e.key(), scalar(r, e)));
      } catch (IllegalArgumentException ex) {
        throw re.error(e.key(), "invalid regular expression: " + ex.getMessage());
      }
    }
    if (root && !matchers.isEmpty()) {
      throw r.error("matchers", "root route must not have any matchers");
    }
    boolean cont = r.bool("continue", false);
    if (root && cont) {
      throw r.error("continue", "cannot have continue in root route");
    }
    List<String> groupBy = r.has("group_by") ? r.strings("group_by") : null;
    if (groupBy != null && groupBy.contains("...") && groupBy.size() > 1) {
      throw r.error(
          "group_by", "cannot have wildcard group_by (`...`) and other labels at the same time");
    }
    Duration wait = optionalDuration(r, "group_wait");
    Duration interval = optionalDuration(r, "group_interval");
    Duration repeat = optionalDuration(r, "repeat_interval");
    if (interval != null && interval.isZero()) {
      throw r.error("group_interval", "group_interval cannot be zero");
    }
    if (repeat != null && repeat.isZero()) {
      throw r.error("repeat_interval", "repeat_interval cannot be zero");
    }
    List<RouteConfig> children = new ArrayList<>();
    for (Section c : r.sections("routes")) {
      children.add(route(c, receivers, intervals, false));
    }
    List<String> mute = intervalNames(r, "mute_time_intervals", intervals, root);
    List<String> active = intervalNames(r, "active_time_intervals", intervals, root);
    r.rejectUnknown();
    return new RouteConfig(
        receiver == null || receiver.isEmpty() ? null : receiver,
        groupBy,
        cont,
        matchers,
        wait,
        interval,
        repeat,
        children,
        mute,
        active);
  }

  /** A route's {@code mute_time_intervals} or {@code active_time_intervals}, checked. */
  private static List<String> intervalNames(
      Section r, String key, Set<String> defined, boolean root) {
    List<String> names = r.strings(key);
    if (root && !names.isEmpty()) {
      String kind = key.startsWith("mute") ? "mute" : "active";
      throw r.error(key, "root route must not have any " + kind + " time intervals");
    }
    for (String name : names) {
      if (!defined.contains(name)) {
        throw r.error(key, "undefined time interval \"" + name + "\" used in route");
      }
    }
    return names;
  }

  /** One entry of {@code time_intervals} or {@code mute_time_intervals}, added to {@code out}. */
  private static void namedInterval(Section s, Map<String, List<TimeInterval>> out, String what) {
    String name = s.string("name");
    if (name == null || name.isEmpty()) {
      throw s.error("name", "missing name in " + what);
    }
    if (out.containsKey(name)) {
      throw s.error("name", what + " \"" + name + "\" is not unique");
    }
    List<TimeInterval> list = new ArrayList<>();
    for (Section i : s.sections("time_intervals")) {
      list.add(interval(i));
    }
    s.rejectUnknown();
    out.put(name, List.copyOf(list));
  }

  private static TimeInterval interval(Section s) {
    List<TimeInterval.TimeRange> times = new ArrayList<>();
    for (Section t : s.sections("times")) {
      String start = t.rawString("start_time", "");
      String end = t.rawString("end_time", "");
      t.rejectUnknown();
      times.add(parse(t, "start_time", () -> TimeIntervalText.times(start, end)));
    }
    TimeInterval ti =
        new TimeInterval(
            times,
            ranges(s, "weekdays", TimeIntervalText::weekdays),
            ranges(s, "days_of_month", TimeIntervalText::daysOfMonth),
            ranges(s, "months", TimeIntervalText::months),
            ranges(s, "years", TimeIntervalText::years),
            parse(s, "location", () -> TimeIntervalText.location(s.rawString("location", ""))));
    s.rejectUnknown();
    return ti;
  }

  private static List<TimeInterval.Range> ranges(
      Section s, String key, Function<String, TimeInterval.Range> parser) {
    List<TimeInterval.Range> out = new ArrayList<>();
    for (String text : s.strings(key)) {
      out.add(parse(s, key, () -> parser.apply(text)));
    }
    return out;
  }

  private static <T> T parse(Section s, String key, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (InvalidRouteException e) {
      throw s.error(key, String.valueOf(e.getMessage()));
    }
  }

  private static InhibitRule inhibitRule(Section i) {
    List<Matcher> source = new ArrayList<>(matchers(i, "source_matchers"));
    List<Matcher> target = new ArrayList<>(matchers(i, "target_matchers"));
    for (var e : i.section("source_match").entries()) {
      source.add(Matcher.eq(e.key(), scalar(i, e)));
    }
    for (var e : i.section("target_match").entries()) {
      target.add(Matcher.eq(e.key(), scalar(i, e)));
    }
    for (var e : i.section("source_match_re").entries()) {
      source.add(Matcher.re(e.key(), scalar(i, e)));
    }
    for (var e : i.section("target_match_re").entries()) {
      target.add(Matcher.re(e.key(), scalar(i, e)));
    }
    List<String> equal = i.strings("equal");
    i.rejectUnknown();
    return new InhibitRule(source, target, equal);
  }

  /** Alertmanager matcher strings: {@code name="value"}, {@code name=~"re"}, unquoted too. */
  static List<Matcher> matchers(Section s, String key) {
    List<Matcher> out = new ArrayList<>();
    for (String text : s.strings(key)) {
      out.add(matcher(s, key, text));
    }
    return out;
  }

  private static Matcher matcher(Section s, String key, String text) {
    try {
      return MatcherText.parse(text);
    } catch (IllegalArgumentException e) {
      throw s.error(key, String.valueOf(e.getMessage()));
    }
  }

  private static String scalar(Section s, YamlNode.Entry e) {
    if (e.value() instanceof YamlNode.Scalar sc) {
      return sc.isNull() ? "" : sc.text();
    }
    throw new YamlError(
        e.value().mark(), "expected a string for \"" + e.key() + "\", got " + e.value().kind());
  }

  private static @Nullable Duration optionalDuration(Section s, String key) {
    if (!s.has(key)) {
      return null;
    }
    return Duration.ofMillis(s.duration(key, 0));
  }
}
