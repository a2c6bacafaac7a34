package io.moraine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.agent.Exposition.Family;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parity test's own parser and comparison, on hand-written expositions. */
class ParityTest {
  private static final Set<String> HELP = Set.of("cpu", "meminfo", "stat", "loadavg");

  @Test
  void parsesEscapesGoFloatsAndTypes() {
    Map<String, Family> f =
        Exposition.parse(
            """
            # HELP node_x_total A \\\\ back\\nslash.
            # TYPE node_x_total counter
            node_x_total{b="q\\"uote",a="new\\nline",} 1.2e+06
            node_x_total{a="z"} +Inf 1700000000000
            # TYPE node_h histogram
            node_h_bucket{le="+Inf"} 3
            node_h_sum 4.5
            node_h_count 3
            plain NaN
            empty{} 2
            """);
    Family x = family(f, "node_x_total");
    assertThat(x.type()).isEqualTo("counter");
    assertThat(x.help()).isEqualTo("A \\ back\nslash.");
    assertThat(x.series())
        .containsEntry("node_x_total{a=\"new\\nline\",b=\"q\\\"uote\"}", 1.2e6)
        .containsEntry("node_x_total{a=\"z\"}", Double.POSITIVE_INFINITY);
    assertThat(family(f, "node_h").series()).hasSize(3);
    assertThat(family(f, "plain").type()).isEqualTo("untyped");
    assertThat(family(f, "plain").series().get("plain")).isNaN();
    assertThat(family(f, "empty").series()).containsOnlyKeys("empty");
  }

  @Test
  void rejectsMalformedLinesNamingThem() {
    assertThatThrownBy(() -> Exposition.parse("a 1\nb{x=\"1} 2\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> Exposition.parse("a one")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> Exposition.parse("a 1\na 2")).hasMessageContaining("twice");
  }

  @Test
  void equalScrapesPass() {
    Parity p = new Parity(HELP);
    String text = "# TYPE node_cpu_seconds_total counter\nnode_cpu_seconds_total{cpu=\"0\"} 500\n";
    p.compare(Exposition.parse(text), Exposition.parse(text));
    assertThat(p.failures()).isEmpty();
    assertThat(p.seriesCompared()).isEqualTo(1);
  }

  @Test
  void counterOffByMoreThanOnePercentInEveryRoundFails() {
    Parity p = new Parity(HELP);
    for (int i = 0; i < 3; i++) {
      p.compare(counter(1000 + i), counter(1020 + i));
    }
    assertThat(p.failures()).singleElement().asString().contains("node_cpu_seconds_total");
    assertThat(p.maxCounterRelative()).isGreaterThan(0.019);
  }

  @Test
  void counterOffInOneRoundOnlyIsTransient() {
    Parity p = new Parity(HELP);
    p.compare(counter(1000), counter(1020));
    p.compare(counter(1000), counter(1005));
    assertThat(p.failures()).isEmpty();
    assertThat(p.transient_()).singleElement().asString().contains("1/2 rounds");
  }

  @Test
  void smallCountersMayDifferByTwoButGaugesMayNot() {
    assertThat(Parity.close(5, 7, true)).isTrue();
    assertThat(Parity.close(5, 8, true)).isFalse();
    assertThat(Parity.close(5, 7, false)).isFalse();
    assertThat(Parity.close(1e9, 1.009e9, false)).isTrue();
  }

  @Test
  void labelTypeHelpAndNamingDifferencesFail() {
    Parity p = new Parity(HELP);
    p.compare(
        Exposition.parse(
            """
            # HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.
            # TYPE node_memory_MemTotal_bytes gauge
            node_memory_MemTotal_bytes{host="a"} 100
            # TYPE node_load1 counter
            node_load1 1
            # TYPE node_wrong_thing gauge
            node_wrong_thing 1
            """),
        Exposition.parse(
            """
            # HELP node_memory_MemTotal_bytes Memory information field MemTotal.
            # TYPE node_memory_MemTotal_bytes gauge
            node_memory_MemTotal_bytes 100
            # TYPE node_load1 gauge
            node_load1 1
            """));
    assertThat(p.failures())
        .anyMatch(f -> f.contains("only the agent has node_memory_MemTotal_bytes{host=\"a\"}"))
        .anyMatch(f -> f.endsWith("only node_exporter has node_memory_MemTotal_bytes"))
        .anyMatch(f -> f.contains("HELP"))
        .anyMatch(f -> f.contains("node_load1: TYPE counter"))
        .anyMatch(f -> f.contains("node_wrong_thing"));
  }

  @Test
  void volatileGaugesAreOnlyCheckedForExistence() {
    Parity p = new Parity(HELP);
    p.compare(gauge("node_load1", 1), gauge("node_load1", 3));
    p.compare(gauge("node_memory_MemTotal_bytes", 1000), gauge("node_memory_MemTotal_bytes", 900));
    assertThat(p.failures()).isEmpty();
    assertThat(p.transient_()).singleElement().asString().contains("MemTotal");
  }

  private static Family family(Map<String, Family> f, String name) {
    return Objects.requireNonNull(f.get(name), name);
  }

  private static Map<String, Family> counter(double v) {
    return Exposition.parse(
        "# TYPE node_cpu_seconds_total counter\nnode_cpu_seconds_total{cpu=\"0\"} " + v + "\n");
  }

  private static Map<String, Family> gauge(String name, double v) {
    return Exposition.parse("# TYPE " + name + " gauge\n" + name + " " + v + "\n");
  }
}
