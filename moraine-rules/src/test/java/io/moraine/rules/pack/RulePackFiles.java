package io.moraine.rules.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The default pack and its promtool unit tests as files of the source tree (surefire runs in the
 * module directory), read line by line: the pack is written in one block style, so a rule is the
 * text from its {@code - alert:} or {@code - record:} line to the next rule or group.
 */
final class RulePackFiles {
  static final Path PACK = Path.of("src/main/resources/io/moraine/rules/pack/default-rules.yml");
  static final Path TESTS = Path.of("src/test/resources/io/moraine/rules/pack");
  static final Path RUNBOOKS = Path.of("../docs/runbooks.md");

  private static final Pattern RULE_START =
      Pattern.compile("^\\s*- (alert|record): ([A-Za-z0-9_:]+)\\s*$");
  private static final Pattern GROUP_START = Pattern.compile("^\\s*- name: .*$");
  private static final Pattern ALERTNAME = Pattern.compile("^\\s*alertname: (\\w+)\\s*$");

  private RulePackFiles() {}

  /** Alert name to the text of its rule, in file order. */
  static Map<String, String> alerts() throws IOException {
    Map<String, String> alerts = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : Files.readAllLines(PACK)) {
      Matcher m = RULE_START.matcher(line);
      if (m.matches() || GROUP_START.matcher(line).matches()) {
        if (name != null) {
          alerts.put(name, body.toString());
        }
        name = m.matches() && m.group(1).equals("alert") ? m.group(2) : null;
        body.setLength(0);
      }
      body.append(line).append('\n');
    }
    if (name != null) {
      alerts.put(name, body.toString());
    }
    return alerts;
  }

  /** Number of rules (alerting and recording) in the pack. */
  static long ruleCount() throws IOException {
    return Files.readAllLines(PACK).stream().filter(l -> RULE_START.matcher(l).matches()).count();
  }

  /** The promtool unit-test files, sorted by name. */
  static List<Path> testFiles() throws IOException {
    try (Stream<Path> files = Files.list(TESTS)) {
      return files.filter(p -> p.toString().endsWith(".test.yml")).sorted().toList();
    }
  }

  /**
   * The {@code alert_rule_test} cases of all test files: alert name and whether the case expects it
   * to fire ({@code exp_alerts} with entries) or to stay silent ({@code exp_alerts: []}).
   */
  static List<Map.Entry<String, Boolean>> alertCases() throws IOException {
    List<Map.Entry<String, Boolean>> cases = new ArrayList<>();
    for (Path file : testFiles()) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = ALERTNAME.matcher(lines.get(i));
        if (m.matches() && i + 1 < lines.size()) {
          String next = lines.get(i + 1).strip();
          if (!next.startsWith("exp_alerts:")) {
            throw new IllegalStateException(file + ":" + (i + 2) + ": expected exp_alerts");
          }
          cases.add(Map.entry(m.group(1), !next.equals("exp_alerts: []")));
        }
      }
    }
    return cases;
  }
}
