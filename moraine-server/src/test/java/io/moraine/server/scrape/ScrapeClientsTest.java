package io.moraine.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.server.config.ConfigLoader;
import io.moraine.server.config.HttpClientConfig;
import io.moraine.server.config.MoraineConfig;
import io.moraine.testkit.storage.RecordingAppendable;
import io.moraine.testkit.time.ManualClock;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Scrape clients per {@code tls_config}: shared where settings are equal, and a CA, certificate or
 * key file that cannot be used fails scraping's start naming the job and the file.
 */
class ScrapeClientsTest {
  private static final Path TLS = Path.of("src/test/resources/scrape/tls").toAbsolutePath();

  private static HttpClientConfig.TlsConfig tls(
      @Nullable String ca, @Nullable String cert, @Nullable String key) {
    return new HttpClientConfig.TlsConfig(
        ca == null ? null : TLS.resolve(ca),
        cert == null ? null : TLS.resolve(cert),
        key == null ? null : TLS.resolve(key),
        "",
        false);
  }

  @Test
  void jobsWithEqualSettingsShareAClientAndDefaultJobsUseTheSharedOne() throws Exception {
    try (ScrapeClients clients = new ScrapeClients()) {
      ScrapeClients.Batch batch = clients.batch();
      assertThat(batch.forJob("a", HttpClientConfig.TlsConfig.DEFAULT)).isNull();
      HttpClient a = batch.forJob("a", tls("ca.pem", null, null));
      assertThat(a).isNotNull().isNotSameAs(clients.shared());
      assertThat(batch.forJob("b", tls("ca.pem", null, null))).isSameAs(a);
      assertThat(batch.forJob("c", tls("ca.pem", "client.pem", "client-ec.key")))
          .isNotNull()
          .isNotSameAs(a);
    }
  }

  @Test
  void aLaterBatchRereadsTheFilesAndAClientClosesWithItsLastUser() throws Exception {
    try (ScrapeClients clients = new ScrapeClients()) {
      HttpClient a = Objects.requireNonNull(clients.batch().forJob("a", tls("ca.pem", null, null)));
      HttpClient b = clients.batch().forJob("b", tls("ca.pem", null, null));
      assertThat(b).isNotNull().isNotSameAs(a);
      ScrapeClients.Batch batch = clients.batch();
      HttpClient c = Objects.requireNonNull(batch.forJob("c", tls("ca.pem", null, null)));
      assertThat(batch.forJob("d", tls("ca.pem", null, null))).isSameAs(c);
      clients.release(c);
      assertThat(c.isTerminated()).isFalse();
      clients.release(c);
      assertThat(c.isTerminated()).isTrue();
      assertThatThrownBy(() -> clients.release(c)).hasMessageStartingWith("BUG:");
      assertThat(a.isTerminated()).isFalse();
    }
  }

  @Test
  void unusableFilesNameTheJobAndTheFile() {
    try (ScrapeClients clients = new ScrapeClients()) {
      assertThatThrownBy(() -> clients.batch().forJob("secure", tls("missing-ca.pem", null, null)))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "scrape job \"secure\": unable to load specified CA cert %1$s: open %1$s: no such"
                  + " file or directory",
              TLS.resolve("missing-ca.pem"));
      assertThatThrownBy(() -> clients.batch().forJob("secure", tls("server.key", null, null)))
          .hasMessageStartingWith(
              "scrape job \"secure\": unable to use specified CA cert "
                  + TLS.resolve("server.key"));
      assertThatThrownBy(
              () -> clients.batch().forJob("mtls", tls("ca.pem", "client.pem", "ca.pem")))
          .hasMessageStartingWith(
              "scrape job \"mtls\": unable to use specified client cert (%s) & key (%s): "
                  .formatted(TLS.resolve("client.pem"), TLS.resolve("ca.pem")))
          .hasMessageEndingWith("no PEM private key found");
      assertThatThrownBy(() -> clients.batch().forJob("mtls", tls(null, "client.pem", "nope.key")))
          .hasMessageStartingWith("scrape job \"mtls\": unable to read specified client cert (")
          .hasMessageContaining(TLS.resolve("nope.key") + ": no such file or directory");
    }
  }

  @Test
  void aMissingCaFileStopsScrapingFromStarting() throws Exception {
    MoraineConfig cfg =
        ConfigLoader.parse(
            """
            scrape_configs:
              - job_name: node
                scheme: https
                tls_config:
                  ca_file: certs/ca.pem
                static_configs: [{targets: ["127.0.0.1:9100"]}]
            """,
            Path.of("moraine.yml"),
            Path.of("/etc/moraine"));
    assertThatThrownBy(
            () ->
                Scraping.start(
                        cfg.scrapeConfigs(),
                        new RecordingAppendable(),
                        new ManualClock(),
                        new MetricRegistry(),
                        Labels.EMPTY,
                        "test",
                        m -> {})
                    .close())
        .isInstanceOf(IOException.class)
        .hasMessage(
            "scrape job \"node\": unable to load specified CA cert /etc/moraine/certs/ca.pem: open"
                + " /etc/moraine/certs/ca.pem: no such file or directory");
  }
}
