package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code graph} section: defaults and a full file (errors are pinned by graph-*.bad.yml). */
class GraphConfigTest {
  @Test
  void noSectionGivesTheDefaults() throws Exception {
    MoraineConfig c = ConfigLoader.parse("global: {}\n", Path.of("m.yml"), Path.of("."));
    GraphConfig g = c.graph();
    assertThat(g).isEqualTo(GraphConfig.DEFAULT);
    assertThat(g.store()).isInstanceOf(GraphConfig.Store.Embedded.class);
    assertThat(g.retentionMillis()).isEqualTo(7L * 86_400_000);
    assertThat(g.summaryWindowMillis()).isEqualTo(300_000);
    assertThat(g.summaryIntervalMillis()).isEqualTo(60_000);
    assertThat(g.queryTimeoutMillis()).isEqualTo(30_000);
    assertThat(g.maxResults()).isEqualTo(100_000);
    assertThat(g.maxBodySizeBytes()).isEqualTo(16L << 20);
    assertThat(g.effectiveBaseIri(g.effectiveSite(null)))
        .isEqualTo("https://moraine.local/site/default/");
  }

  @Test
  void fullSectionBinds() throws Exception {
    Path file = ConfigFilesTest.dir().resolve("graph.good.yml");
    GraphConfig g = ConfigLoader.load(file).graph();
    assertThat(g.site()).isEqualTo("edge 1");
    assertThat(g.effectiveBaseIri(g.effectiveSite("ignored")))
        .isEqualTo("https://kg.example.org/edge%201/");
    assertThat(g.profile()).isEqualTo(GraphConfig.Profile.GLACIATION_LEGACY);
    assertThat(g.store())
        .isEqualTo(
            new GraphConfig.Store.Remote(
                URI.create("http://fuseki:3030/moraine"),
                "moraine",
                ConfigFilesTest.dir().resolve("secrets/fuseki")));
    assertThat(g.retentionMillis()).isEqualTo(3L * 86_400_000);
    assertThat(g.summaryWindowMillis()).isEqualTo(600_000);
    assertThat(g.summaryIntervalMillis()).isEqualTo(120_000);
    assertThat(g.queryTimeoutMillis()).isEqualTo(5_000);
    assertThat(g.maxResults()).isEqualTo(500);
    assertThat(g.maxBodySizeBytes()).isEqualTo(1L << 20);
  }

  @Test
  void embeddedByNameAndSiteFromTheWatcher() throws Exception {
    GraphConfig g =
        ConfigLoader.parse("graph: {store: embedded}\n", Path.of("m.yml"), Path.of(".")).graph();
    assertThat(g.store()).isEqualTo(new GraphConfig.Store.Embedded());
    assertThat(g.effectiveSite("kind-cluster")).isEqualTo("kind-cluster");
  }
}
