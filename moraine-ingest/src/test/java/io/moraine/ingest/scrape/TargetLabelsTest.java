package io.moraine.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.ingest.scrape.TargetLabels.InvalidTargetException;
import io.moraine.ingest.scrape.TargetLabels.JobDefaults;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Prometheus 2.42's PopulateLabels rules. */
class TargetLabelsTest {
  private static final JobDefaults JOB =
      new JobDefaults("node", 15_000, 10_000, "/metrics", "http", Map.of("module", "if_mib"));
  private static final Function<Labels, @Nullable Labels> KEEP = l -> l;

  private static Labels kept(TargetLabels.Result r) {
    return Objects.requireNonNull(r.labels(), "dropped");
  }

  @Test
  void defaultsAreAddedThenInternalMetaLabelsGoAndInstanceDefaultsToTheAddress() throws Exception {
    Labels discovered =
        Labels.of("__address__", "10.0.0.1", "__meta_kubernetes_pod_name", "p", "team", "a");
    TargetLabels.Result r = TargetLabels.populate(discovered, JOB, KEEP);
    assertThat(r.discovered())
        .isEqualTo(
            Labels.of(
                "__address__", "10.0.0.1",
                "__meta_kubernetes_pod_name", "p",
                "team", "a",
                "job", "node",
                "__scrape_interval__", "15s",
                "__scrape_timeout__", "10s",
                "__metrics_path__", "/metrics",
                "__scheme__", "http",
                "__param_module", "if_mib"));
    assertThat(r.labels())
        .isEqualTo(
            Labels.of(
                "__address__", "10.0.0.1:80",
                "team", "a",
                "job", "node",
                "instance", "10.0.0.1:80",
                "__scrape_interval__", "15s",
                "__scrape_timeout__", "10s",
                "__metrics_path__", "/metrics",
                "__scheme__", "http",
                "__param_module", "if_mib"));
    assertThat(TargetLabels.publicLabels(kept(r)))
        .isEqualTo(Labels.of("team", "a", "job", "node", "instance", "10.0.0.1:80"));
  }

  @Test
  void discoveredValuesWinOverDefaultsAndRelabelingCanDrop() throws Exception {
    Labels discovered =
        Labels.of("__address__", "h:9100", "job", "custom", "__scheme__", "https", "instance", "i");
    Labels got = kept(TargetLabels.populate(discovered, JOB, KEEP));
    assertThat(got.get("job")).isEqualTo("custom");
    assertThat(got.get("__scheme__")).isEqualTo("https");
    assertThat(got.get("instance")).isEqualTo("i");
    TargetLabels.Result dropped = TargetLabels.populate(discovered, JOB, l -> null);
    assertThat(dropped.labels()).isNull();
    assertThat(dropped.discovered().get("job")).isEqualTo("custom");
  }

  @Test
  void httpsGets443AndBracketedIpv6Keeps() throws Exception {
    Labels https = Labels.of("__address__", "example.org", "__scheme__", "https");
    assertThat(kept(TargetLabels.populate(https, JOB, KEEP)).get("__address__"))
        .isEqualTo("example.org:443");
    Labels v6 = Labels.of("__address__", "[::1]:9090");
    assertThat(kept(TargetLabels.populate(v6, JOB, KEEP)).get("__address__"))
        .isEqualTo("[::1]:9090");
  }

  @Test
  void invalidTargetsAreRefusedWithPrometheusMessages() {
    assertThatThrownBy(() -> TargetLabels.populate(Labels.of("a", "b"), JOB, KEEP))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessage("no address");
    assertThatThrownBy(
            () ->
                TargetLabels.populate(
                    Labels.of("__address__", "h", "__scheme__", "ftp"), JOB, KEEP))
        .hasMessage("invalid scheme: \"http\"");
    assertThatThrownBy(() -> TargetLabels.populate(Labels.of("__address__", "h:1/x"), JOB, KEEP))
        .hasMessage("\"h:1/x\" is not a valid hostname");
    assertThatThrownBy(
            () ->
                TargetLabels.populate(
                    Labels.of("__address__", "h:1", "__scrape_timeout__", "1m"), JOB, KEEP))
        .hasMessage("scrape timeout cannot be greater than scrape interval (\"1m\" > \"15s\")");
    assertThatThrownBy(
            () ->
                TargetLabels.populate(
                    Labels.of("__address__", "h:1", "__scrape_interval__", "soon"), JOB, KEEP))
        .hasMessage("error parsing scrape interval: not a valid duration string: \"soon\"");
  }
}
