package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.ingest.discovery.StaticGroup;
import io.moraine.ingest.relabel.RelabelAction;
import io.moraine.ingest.relabel.RelabelConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeConfigTest {
  private static final Path SRC = Path.of("moraine.yml");
  private static final Path BASE = Path.of("/etc/moraine");

  private static MoraineConfig kube() throws Exception {
    return ConfigLoader.load(ConfigFilesTest.dir().resolve("kube-prometheus.good.yml"));
  }

  @Test
  void minimalJobTakesPrometheusDefaults() throws Exception {
    MoraineConfig c = ConfigLoader.parse("scrape_configs:\n  - job_name: x\n", SRC, BASE);
    ScrapeConfig expected = ScrapeConfig.DEFAULT;
    assertThat(c.scrapeConfigs())
        .containsExactly(
            new ScrapeConfig(
                "x",
                60_000,
                10_000,
                "/metrics",
                "http",
                Map.of(),
                false,
                true,
                HttpClientConfig.DEFAULT,
                ScrapeConfig.Limits.DEFAULT,
                List.of(),
                List.of(),
                ScrapeConfig.Discovery.DEFAULT));
    assertThat(expected.honorTimestamps()).isTrue();
    assertThat(MoraineConfig.DEFAULT.scrapeConfigs()).isEmpty();
  }

  /** A reload tells unchanged jobs and remotes by equality: loading twice must give equal ones. */
  @Test
  void jobsAndRemotesLoadedTwiceAreEqual() throws Exception {
    for (Path f : ConfigFilesTest.files(".good.yml")) {
      MoraineConfig a = ConfigLoader.load(f);
      MoraineConfig b = ConfigLoader.load(f);
      assertThat(b.scrapeConfigs()).as(f.toString()).isEqualTo(a.scrapeConfigs());
      assertThat(b.scrapeConfigs().hashCode()).isEqualTo(a.scrapeConfigs().hashCode());
      assertThat(b.remoteWriteConfigs()).as(f.toString()).isEqualTo(a.remoteWriteConfigs());
    }
    assertThat(kube().scrapeConfigs()).isNotEmpty();
  }

  @Test
  void kubePrometheusJobsAreRead() throws Exception {
    MoraineConfig c = kube();
    assertThat(c.scrapeConfigs())
        .extracting(ScrapeConfig::jobName)
        .containsExactly("serviceMonitor/monitoring/node-exporter/0", "blackbox", "apps");
    assertThat(c.ignored()).isEmpty(); // kubernetes_sd_configs are acted on
  }

  @Test
  void nodeExporterJob() throws Exception {
    ScrapeConfig j = kube().scrapeConfigs().get(0);
    assertThat(j.scheme()).isEqualTo("https");
    assertThat(j.scrapeIntervalMillis()).isEqualTo(15_000);
    assertThat(j.scrapeTimeoutMillis()).isEqualTo(10_000);
    HttpClientConfig.Authorization a = j.httpClient().authorization();
    assertThat(a)
        .isEqualTo(
            new HttpClientConfig.Authorization(
                "Bearer", "", Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token")));
    assertThat(j.httpClient().tls().insecureSkipVerify()).isTrue();
    KubernetesSdConfig k = j.discovery().kubernetesSdConfigs().getFirst();
    assertThat(k.role()).isEqualTo("endpoints");
    assertThat(k.namespaces()).containsExactly("monitoring");
    List<RelabelConfig> r = j.relabelConfigs();
    assertThat(r).hasSize(6);
    assertThat(r.get(0))
        .isEqualTo(
            RelabelConfig.builder()
                .sourceLabels("job")
                .targetLabel("__tmp_prometheus_job_name")
                .build());
    assertThat(r.get(1).action()).isEqualTo(RelabelAction.KEEP);
    assertThat(r.get(1).regex()).isEqualTo("(node-exporter);true");
    assertThat(r.get(4).modulus()).isEqualTo(4);
    assertThat(r.get(4).action()).isEqualTo(RelabelAction.HASHMOD);
    assertThat(r.get(5).replacement()).isEqualTo("pod_$1");
    assertThat(j.metricRelabelConfigs())
        .containsExactly(
            RelabelConfig.builder()
                .sourceLabels("__name__")
                .regex("node_(mountstats|network_transmit_colls)_.*")
                .action(RelabelAction.DROP)
                .build(),
            RelabelConfig.builder()
                .regex("id|container_id")
                .action(RelabelAction.LABELDROP)
                .build());
  }

  @Test
  void blackboxJob() throws Exception {
    ScrapeConfig j = kube().scrapeConfigs().get(1);
    assertThat(j.metricsPath()).isEqualTo("/probe");
    assertThat(j.scrapeIntervalMillis()).isEqualTo(30_000);
    assertThat(j.params()).containsEntry("module", List.of("http_2xx"));
    assertThat(j.jobDefaults().params()).isEqualTo(Map.of("module", "http_2xx", "debug", "false"));
    Path dir = ConfigFilesTest.dir();
    assertThat(j.discovery().fileSdConfigs().getFirst().files())
        .containsExactly(dir.resolve("targets/*.yml").toString());
    assertThat(j.discovery().fileSdConfigs().getFirst().refreshInterval())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(j.relabelConfigs().get(2).separator()).isEmpty();
    assertThat(j.relabelConfigs().get(2).sourceLabels()).isEmpty();
  }

  @Test
  void appsJobHasLimitsAuthAndSharedRelabelRules() throws Exception {
    MoraineConfig c = kube();
    ScrapeConfig j = c.scrapeConfigs().get(2);
    assertThat(j.limits())
        .isEqualTo(new ScrapeConfig.Limits(50_000, 64, 128, 2048, 100, 10L << 20));
    assertThat(j.scrapeOptions().honorTimestamps()).isFalse();
    assertThat(j.scrapeOptions().sampleLimit()).isEqualTo(50_000);
    assertThat(j.httpClient().basicAuth())
        .isEqualTo(
            new HttpClientConfig.BasicAuth(
                "scraper", "", ConfigFilesTest.dir().resolve("secrets/scrape.pw")));
    HttpSdConfig sd = j.discovery().httpSdConfigs().getFirst();
    assertThat(sd.refreshInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(sd.options().authorization()).isEqualTo("Bearer sd-token");
    assertThat(j.discovery().staticConfigs())
        .containsExactly(
            new StaticGroup(List.of("app-1:8080", "app-2:8080"), Map.of("env", "prod")));
    assertThat(j.relabelConfigs()).isEqualTo(c.scrapeConfigs().get(0).relabelConfigs());
  }

  @Test
  void inlineSecretsMakeTheHeader() throws Exception {
    MoraineConfig c =
        ConfigLoader.parse(
            "scrape_configs:\n  - job_name: x\n    basic_auth: {username: u, password: p}\n",
            SRC,
            BASE);
    assertThat(c.scrapeConfigs().getFirst().httpClient().authorizationHeader())
        .isEqualTo("Basic dTpw");
  }

  @Test
  void tlsVersionsAreRead() throws Exception {
    MoraineConfig c =
        ConfigLoader.parse(
            """
            scrape_configs:
              - job_name: min
                tls_config: {min_version: TLS13}
              - job_name: both
                tls_config: {min_version: TLS10, max_version: TLS12, server_name: a.internal}
              - job_name: none
                tls_config: {insecure_skip_verify: true}
            """,
            SRC,
            BASE);
    HttpClientConfig.TlsConfig min = c.scrapeConfigs().get(0).httpClient().tls();
    assertThat(min.minVersion()).isEqualTo(HttpClientConfig.TlsVersion.TLS13);
    assertThat(min.maxVersion()).isNull();
    assertThat(min.withVersions(null, null)).isEqualTo(HttpClientConfig.TlsConfig.DEFAULT);
    HttpClientConfig.TlsConfig both = c.scrapeConfigs().get(1).httpClient().tls();
    assertThat(both.minVersion()).isEqualTo(HttpClientConfig.TlsVersion.TLS10);
    assertThat(both.maxVersion()).isEqualTo(HttpClientConfig.TlsVersion.TLS12);
    assertThat(both.serverName()).isEqualTo("a.internal");
    HttpClientConfig.TlsConfig none = c.scrapeConfigs().get(2).httpClient().tls();
    assertThat(none.minVersion()).isNull();
    assertThat(none.maxVersion()).isNull();
    assertThat(c.ignored()).isEmpty();
  }
}
