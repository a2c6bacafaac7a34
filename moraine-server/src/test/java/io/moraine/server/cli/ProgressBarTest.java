package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void rendersPercentBytesAndRate() {
    String line = ProgressBar.render(5 * 1048576, 10 * 1048576, 30_000, 2_000_000_000L);
    assertThat(line)
        .startsWith(" 50% [===============>")
        .endsWith("] 5.0 MiB / 10.0 MiB  15000 samples/s");
    assertThat(ProgressBar.render(10, 10, 0, 0)).startsWith("100% [" + "=".repeat(30) + "]");
  }

  @Test
  void redrawsAtMostEvery100msAndAlwaysAtTheEnd() {
    StringWriter sw = new StringWriter();
    ManualClock clock = new ManualClock();
    ProgressBar bar = new ProgressBar(new PrintWriter(sw), clock);
    bar.progress(1, 100, 1);
    clock.advanceMillis(50);
    bar.progress(2, 100, 2);
    clock.advanceMillis(60);
    bar.progress(3, 100, 3);
    bar.progress(100, 100, 4);
    String s = sw.toString();
    assertThat(s.split("\r", -1)).hasSize(4);
    assertThat(s).contains("  1% [").doesNotContain("  2% [").contains("  3% [").contains("100% [");
    bar.clear();
    assertThat(sw.toString()).endsWith("\r");
  }
}
