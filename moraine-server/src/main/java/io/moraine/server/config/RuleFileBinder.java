package io.moraine.server.config;

import io.moraine.rules.file.Position;
import io.moraine.rules.file.RuleFileSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Prometheus rule file's YAML into a {@link RuleFileSource}: the structure only (known
 * fields, YAML types, durations), as Prometheus 2.42's strict decoding does, naming unknown fields
 * as its {@code rulefmt} types do. The rules' semantics are {@link
 * io.moraine.rules.file.RuleChecker}'s. Aliases are followed; {@code query_offset} of newer
 * Prometheus versions is accepted. Stateless.
 */
final class RuleFileBinder {
  private static final Set<String> FILE_KEYS = Set.of("groups");
  private static final Set<String> GROUP_KEYS =
      Set.of("name", "interval", "limit", "query_offset", "rules");
  private static final Set<String> RULE_KEYS =
      Set.of("record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations");

  private RuleFileBinder() {}

  /**
   * Binds {@code text}.
   *
   * @param path the name the result carries
   * @throws YamlError at the first structural problem
   */
  static RuleFileSource bind(String text, String path) {
    YamlNode root = Section.deref("", YamlTreeReader.read(text));
    Section top = Section.resolving("", root);
    known(top, FILE_KEYS, "rulefmt.RuleGroups");
    List<RuleFileSource.Group> groups = new ArrayList<>();
    for (Section g : nonNull(top, "groups")) {
      groups.add(group(g));
    }
    return new RuleFileSource(path, groups);
  }

  private static RuleFileSource.Group group(Section s) {
    known(s, GROUP_KEYS, "rulefmt.RuleGroup");
    String name = s.rawString("name", "");
    long interval = s.duration("interval", -1);
    long offset = s.duration("query_offset", -1);
    int limit = integer(s, "limit");
    List<RuleFileSource.Rule> rules = new ArrayList<>();
    for (Section r : nonNull(s, "rules")) {
      rules.add(rule(r));
    }
    return new RuleFileSource.Group(
        name, optional(interval), limit, optional(offset), rules, position(s.mark()));
  }

  private static RuleFileSource.Rule rule(Section s) {
    known(s, RULE_KEYS, "rulefmt.RuleNode");
    RuleFileSource.Text record = text(s, "record");
    RuleFileSource.Text alert = text(s, "alert");
    RuleFileSource.Text expr = text(s, "expr");
    Duration forDuration = Duration.ofMillis(s.duration("for", 0));
    Duration keepFiringFor = Duration.ofMillis(s.duration("keep_firing_for", 0));
    Map<String, RuleFileSource.Text> labels = map(s.section("labels"));
    Map<String, RuleFileSource.Text> annotations = map(s.section("annotations"));
    return new RuleFileSource.Rule(
        record, alert, expr, forDuration, keepFiringFor, labels, annotations, position(s.mark()));
  }

  /** The mapping items of a sequence, skipping null items as Go's YAML decoder does. */
  private static List<Section> nonNull(Section s, String key) {
    List<Section> out = new ArrayList<>();
    List<YamlNode> items = s.items(key);
    for (int i = 0; i < items.size(); i++) {
      YamlNode n = items.get(i);
      // Jackson reports an empty item as an empty string
      if (!(n instanceof YamlNode.Scalar sc && (sc.isNull() || sc.text().isEmpty()))) {
        String path = (s.path().isEmpty() ? key : s.path() + "." + key) + "[" + i + "]";
        out.add(Section.resolving(path, n));
      }
    }
    return out;
  }

  private static RuleFileSource.@Nullable Text text(Section s, String key) {
    YamlNode.Mark at = s.markOf(key);
    boolean present = s.has(key);
    String value = s.rawString(key, "");
    return present ? new RuleFileSource.Text(value, position(at)) : null;
  }

  private static Map<String, RuleFileSource.Text> map(Section s) {
    Map<String, RuleFileSource.Text> out = new LinkedHashMap<>();
    for (YamlNode.Entry e : s.entries()) {
      out.put(e.key(), new RuleFileSource.Text(s.rawString(e.key(), ""), position(e.keyMark())));
    }
    return out;
  }

  private static int integer(Section s, String key) {
    String text = s.rawString(key, "");
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw s.error(key, "cannot unmarshal " + quote(text) + " into int");
    }
  }

  /** Throws at the first key that the Go type has no field for, in Prometheus' words. */
  private static void known(Section s, Set<String> keys, String goType) {
    for (YamlNode.Entry e : s.entries()) {
      if (!keys.contains(e.key())) {
        throw new YamlError(e.keyMark(), "field " + e.key() + " not found in type " + goType);
      }
    }
  }

  private static @Nullable Duration optional(long millis) {
    return millis < 0 ? null : Duration.ofMillis(millis);
  }

  private static Position position(YamlNode.Mark m) {
    return new Position(m.line(), m.column());
  }

  private static String quote(String s) {
    return io.moraine.core.labels.GoQuote.quote(s);
  }
}
