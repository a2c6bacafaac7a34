package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Matcher;
import io.moraine.logs.logql.ast.LabelSelection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code | drop a, b="x"} and {@code | keep a, b="x"}: a bare name selects the label, a matcher
 * selects it when its value matches. drop removes the selected labels ({@code __error__} and {@code
 * __error_details__} included); keep removes all others, except the error labels, which keep never
 * removes (as Loki 2.9).
 */
final class LabelSelectionStage implements CompiledStage {
  private final boolean keep;
  private final String[] names;
  private final @Nullable Matcher[] matchers;

  LabelSelectionStage(List<LabelSelection> selections, boolean keep) {
    this.keep = keep;
    names = new String[selections.size()];
    matchers = new @Nullable Matcher[selections.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = selections.get(i).name();
      matchers[i] = selections.get(i).matcher();
    }
  }

  @Override
  public StageRunner newRunner() {
    return keep ? this::keep : this::drop;
  }

  private boolean drop(Entry e) {
    for (int i = 0; i < names.length; i++) {
      String v = e.labels.get(names[i]);
      Matcher m = matchers[i];
      if (v != null && (m == null || m.matches(v))) {
        e.labels.delete(names[i]);
      }
    }
    return true;
  }

  private boolean keep(Entry e) {
    LabelState labels = e.labels;
    int n = labels.materialize(true);
    String[] kv = labels.buffer();
    // collect first: deleting changes the buffer's source
    String[] remove = new String[n / 2];
    int r = 0;
    for (int i = 0; i < n; i += 2) {
      String name = kv[i];
      if (name.equals(LabelState.ERROR) || name.equals(LabelState.ERROR_DETAILS)) {
        continue;
      }
      if (!selected(name, kv[i + 1])) {
        remove[r++] = name;
      }
    }
    for (int i = 0; i < r; i++) {
      labels.delete(remove[i]);
    }
    return true;
  }

  private boolean selected(String name, String value) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        Matcher m = matchers[i];
        if (m == null || m.matches(value)) {
          return true;
        }
      }
    }
    return false;
  }
}
