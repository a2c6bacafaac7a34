package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.core.labels.Labels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path SRC = Path.of("moraine.yml");
  private static final Path BASE = Path.of("/etc/moraine");

  @Test
  void prometheusFileKeepsGlobalValuesAndListsIgnoredSections() throws Exception {
    MoraineConfig c = ConfigLoader.load(ConfigFilesTest.dir().resolve("prometheus.good.yml"));
    assertThat(c.global().scrapeIntervalMillis()).isEqualTo(15_000);
    assertThat(c.global().scrapeTimeoutMillis()).isEqualTo(10_000);
    assertThat(c.global().evaluationIntervalMillis()).isEqualTo(30_000);
    assertThat(c.global().externalLabels()).isEqualTo(Labels.of("site", "edge-1", "region", "eu"));
    assertThat(c.storage().tsdb().outOfOrderTimeWindowMillis()).isEqualTo(30 * 60_000);
    assertThat(c.storage().maxExemplars()).isEqualTo(500_000);
    assertThat(c.ignored()).containsExactly("global.query_log_file");
    assertThat(c.rules().evaluationIntervalMillis()).isEqualTo(30_000);
    assertThat(c.rules().ruleFiles()).isNotEmpty().allMatch(f -> Path.of(f).isAbsolute());
    assertThat(c.remoteWriteConfigs()).hasSize(1);
    RemoteWriteConfig rw = c.remoteWriteConfigs().getFirst();
    assertThat(rw.url()).hasToString("http://mimir:9009/api/v1/push");
    assertThat(rw.queue().maxSamplesPerSend()).isEqualTo(2000);
    assertThat(rw.queue().capacity()).isEqualTo(2500);
    assertThat(rw.queue().maxShards()).isEqualTo(200);
    assertThat(rw.queue().retryOnHttp429()).isFalse();
    assertThat(rw.remoteTimeoutMillis()).isEqualTo(30_000);
    assertThat(rw.name()).matches("[0-9a-f]{6}");
    assertThat(c.scrapeConfigs())
        .extracting(ScrapeConfig::jobName)
        .containsExactly("prometheus", "node");
    ScrapeConfig node = c.scrapeConfigs().get(1);
    assertThat(node.scrapeIntervalMillis()).isEqualTo(5_000);
    assertThat(node.scrapeTimeoutMillis()).isEqualTo(5_000);
    assertThat(node.discovery().staticConfigs())
        .isEqualTo(c.scrapeConfigs().getFirst().discovery().staticConfigs());
  }

  @Test
  void storageKeysAreRead() throws Exception {
    MoraineConfig c = ConfigLoader.load(ConfigFilesTest.dir().resolve("moraine.good.yml"));
    TsdbConfig t = c.storage().tsdb();
    assertThat(t.path()).isEqualTo(Path.of("/var/lib/moraine"));
    assertThat(t.retentionTimeMillis()).isEqualTo(30L * 86_400_000);
    assertThat(t.retentionSizeBytes()).isEqualTo(512L << 30);
  }

  @Test
  void emptyTextGivesDefaults() throws Exception {
    assertThat(ConfigLoader.parse("", SRC, BASE)).isEqualTo(MoraineConfig.DEFAULT);
    assertThat(ConfigLoader.parse("# nothing\n", SRC, BASE)).isEqualTo(MoraineConfig.DEFAULT);
  }

  @Test
  void relativePathIsResolvedAgainstTheFilesDirectory() throws Exception {
    MoraineConfig c = ConfigLoader.parse("storage:\n  tsdb:\n    path: ../data\n", SRC, BASE);
    assertThat(c.storage().tsdb().path()).isEqualTo(Path.of("/etc/data"));
  }

  @Test
  void shortScrapeIntervalLowersTheDefaultTimeout() throws Exception {
    MoraineConfig c = ConfigLoader.parse("global:\n  scrape_interval: 5s\n", SRC, BASE);
    assertThat(c.global().scrapeTimeoutMillis()).isEqualTo(5_000);
  }

  @Test
  void retentionDefaultsTo15dOnlyWhenNeitherTimeNorSizeIsSet() {
    assertThat(TsdbConfig.DEFAULT.effectiveRetentionTimeMillis()).isEqualTo(15L * 86_400_000);
    assertThat(TsdbConfig.DEFAULT.withRetentionSizeBytes(1024).effectiveRetentionTimeMillis())
        .isZero();
    assertThat(TsdbConfig.DEFAULT.withRetentionTimeMillis(3_600_000).effectiveRetentionTimeMillis())
        .isEqualTo(3_600_000);
  }

  @Test
  void missingFileIsAConfigErrorWithoutPosition(@TempDir Path dir) {
    Path f = dir.resolve("absent.yml");
    assertThatThrownBy(() -> ConfigLoader.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config file " + f + ": cannot read: no such file");
  }
}
