package io.moraine.logs.logql.pipeline;

import io.moraine.logs.logql.regex.Re2Pattern;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * {@code | regexp "(?P<name>re)"}: on the first match each named group sets its label (an unmatched
 * group sets ""); a line that does not match keeps its labels. Names must be valid and unique.
 */
final class RegexpStage implements CompiledStage {
  private final Re2Pattern re;

  /** Label per group (index 1..n at 0..n-1), null for unnamed groups. */
  private final @Nullable String[] names;

  RegexpStage(String regex) {
    this.re = Re2Pattern.compile(regex);
    this.names = new @Nullable String[re.groupCount()];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.length; i++) {
      String n = re.groupNames().get(i);
      if (n == null) {
        continue;
      }
      if (!LabelNames.isValid(n)) {
        throw new IllegalArgumentException("invalid extracted label name '" + n + "'");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("duplicate extracted label name '" + n + "'");
      }
      names[i] = n;
    }
    if (seen.isEmpty()) {
      throw new IllegalArgumentException("at least one named capture must be supplied");
    }
  }

  @Override
  public StageRunner newRunner() {
    Matcher m = re.pattern().matcher("");
    return e -> {
      m.reset(e.chars());
      if (!m.find()) {
        return true;
      }
      for (int i = 0; i < names.length; i++) {
        String n = names[i];
        if (n != null) {
          String v = m.group(i + 1);
          e.labels.set(LabelNames.deduplicated(n, e.labels), v == null ? "" : v);
        }
      }
      return true;
    };
  }
}
