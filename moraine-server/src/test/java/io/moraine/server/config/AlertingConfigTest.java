package io.moraine.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.ingest.discovery.StaticGroup;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AlertingConfigTest {
  @Test
  void bindsEveryAlertingKey() throws Exception {
    Path file = ConfigFilesTest.dir().resolve("alerting.good.yml");
    MoraineConfig c = ConfigLoader.load(file);
    AlertingConfig a = c.alerting();
    assertThat(a.alertRelabelConfigs()).hasSize(1);
    assertThat(a.alertmanagers()).hasSize(2);
    AlertmanagerConfig first = a.alertmanagers().get(0);
    assertThat(first.name()).isEqualTo("config-0");
    assertThat(first.scheme()).isEqualTo("https");
    assertThat(first.alertsPath()).isEqualTo("/am/api/v2/alerts");
    assertThat(first.timeoutMillis()).isEqualTo(3_000);
    assertThat(first.followRedirects()).isFalse();
    assertThat(first.httpClient().authorizationHeader()).isEqualTo("Basic dTpw");
    assertThat(first.httpClient().tls().insecureSkipVerify()).isTrue();
    assertThat(first.discovery().staticConfigs())
        .containsExactly(
            new StaticGroup(
                java.util.List.of("am-0:9093", "am-1:9093"), java.util.Map.of("zone", "a")));
    assertThat(first.discovery().fileSdConfigs().getFirst().files())
        .containsExactly(ConfigFilesTest.dir().resolve("am/*.json").toString());
    assertThat(first.relabelConfigs()).hasSize(1);
    AlertmanagerConfig second = a.alertmanagers().get(1);
    assertThat(second.name()).isEqualTo("config-1");
    assertThat(second.scheme()).isEqualTo("http");
    assertThat(second.timeoutMillis()).isEqualTo(10_000);
    assertThat(second.alertsPath()).isEqualTo("/api/v2/alerts");
    assertThat(second.discovery().kubernetesSdConfigs().getFirst().role()).isEqualTo("pod");
    assertThat(c.ignored()).isEmpty();
  }

  @Test
  void noSectionMeansNoAlertmanagers() throws Exception {
    MoraineConfig c = ConfigLoader.parse("global: {}\n", Path.of("x.yml"), Path.of("."));
    assertThat(c.alerting()).isEqualTo(AlertingConfig.DEFAULT);
  }

  @Test
  void pathPrefixIsJoinedAsGoDoes() {
    assertThat(AlertmanagerConfig.cleanPath("/" + "" + "/api/v2/alerts"))
        .isEqualTo("/api/v2/alerts");
    assertThat(AlertmanagerConfig.cleanPath("/" + "a/../b/./" + "/api/v2/alerts"))
        .isEqualTo("/b/api/v2/alerts");
    assertThat(AlertmanagerConfig.cleanPath("/" + "/" + "/api/v2/alerts"))
        .isEqualTo("/api/v2/alerts");
  }
}
