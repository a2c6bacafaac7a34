package io.moraine.agent.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares text exposition with a golden file taken from a real exporter. Sample values are
 * compared as doubles, since Go writes {@code 1.235032e+06} where our writer writes {@code
 * 1235032}; everything else (HELP, TYPE, names, labels, order) must be identical.
 */
public final class Golden {
  private Golden() {}

  /** Asserts that {@code actual} and {@code expected} are the same exposition. */
  public static void assertSameExposition(String actual, String expected) {
    assertThat(normalise(actual)).isEqualTo(normalise(expected));
  }

  private static List<String> normalise(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        out.add(line);
        continue;
      }
      int sp = line.lastIndexOf(' ');
      double v = Double.parseDouble(line.substring(sp + 1).replace("Inf", "Infinity"));
      out.add(line.substring(0, sp) + " " + v);
    }
    return out;
  }
}
