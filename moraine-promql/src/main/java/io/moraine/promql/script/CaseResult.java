package io.moraine.promql.script;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one eval of a script.
 *
 * @param line the 1-based line of the eval command
 * @param command the eval command as written, e.g. {@code eval instant at 5m sum(up)}
 * @param failure null when the eval passed, else one line saying what differed (expected versus
 *     got) or which error came
 */
public record CaseResult(int line, String command, @Nullable String failure) {
  public boolean passed() {
    return failure == null;
  }
}
