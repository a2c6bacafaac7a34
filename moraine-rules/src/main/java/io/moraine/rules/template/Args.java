package io.moraine.rules.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The evaluated arguments of one function call; {@code null} is Go's nil. Immutable. */
final class Args {
  private final List<@Nullable Object> values;

  Args(List<@Nullable Object> values) {
    this.values = values;
  }

  @Nullable Object get(int i) {
    return values.get(i);
  }

  String string(int i) {
    return (String) java.util.Objects.requireNonNull(values.get(i), "BUG: string argument");
  }

  int size() {
    return values.size();
  }

  @Nullable Object last() {
    return values.get(values.size() - 1);
  }

  List<@Nullable Object> list() {
    return values;
  }

  List<@Nullable Object> from(int i) {
    return values.subList(i, values.size());
  }
}
