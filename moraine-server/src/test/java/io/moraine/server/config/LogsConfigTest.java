package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code logs} section: defaults and a full file (errors are pinned by logs-*.bad.yml). */
class LogsConfigTest {
  @Test
  void noSectionGivesTheDefaults() throws Exception {
    MoraineConfig c = ConfigLoader.parse("global: {}\n", Path.of("m.yml"), Path.of("."));
    assertThat(c.logs()).isEqualTo(LogsConfig.DEFAULT);
    assertThat(c.logs().retentionMillis()).isEqualTo(744L * 3_600_000);
    assertThat(c.logs().limits().maxLineSizeBytes()).isZero();
    assertThat(c.logs().limits().maxLabelNamesPerSeries()).isEqualTo(30);
    assertThat(c.logs().query().maxEntriesLimit()).isEqualTo(5000);
  }

  @Test
  void fullSectionBinds() throws Exception {
    MoraineConfig c = ConfigLoader.load(ConfigFilesTest.dir().resolve("logs.good.yml"));
    LogsConfig l = c.logs();
    assertThat(l.retentionSizeBytes()).isEqualTo(10L << 30);
    assertThat(l.retentionStreams())
        .containsExactly(new LogsConfig.RetentionStream("{namespace=\"dev\"}", 86_400_000, 1));
    assertThat(l.limits().ingestionBurstSizeMb()).isEqualTo(6.5);
    assertThat(l.limits().creationGracePeriodMillis()).isEqualTo(600_000);
    assertThat(l.query().timeoutMillis()).isEqualTo(60_000);
    LogsConfig.RemotePush p = l.remotePush().getFirst();
    assertThat(p.url()).isEqualTo(URI.create("http://loki:3100/loki/api/v1/push"));
    assertThat(p.tenantId()).isEqualTo("site-a");
    assertThat(p.basicAuth()).isNotNull();
    assertThat(p.headers()).isEqualTo(Map.of("X-Site", "edge-1"));
    assertThat(p.batchWaitMillis()).isEqualTo(1000);
    assertThat(p.batchSizeBytes()).isEqualTo(1L << 20);
  }
}
