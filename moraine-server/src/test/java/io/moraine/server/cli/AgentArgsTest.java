package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moraine.agent.AgentOptions;
import io.moraine.agent.energy.PowerModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentArgsTest {
  private static AgentOptions options(String... args) throws Exception {
    return AgentArgs.parse(List.of(args)).toOptions(Map.of("NODE_NAME", "n1"), p -> false);
  }

  @Test
  void energyModelPresetWithWattagesOverridden() throws Exception {
    PowerModel m =
        options(
                "--energy.model=raspberry-pi-4",
                "--energy.idle-watts=3.1",
                "--energy.dynamic-watts-per-core",
                "1.25")
            .powerModel();
    assertThat(m.name()).isEqualTo("raspberry-pi-4");
    assertThat(m.idleWatts()).isEqualTo(3.1);
    assertThat(m.dynamicWattsPerCore()).isEqualTo(1.25);
    assertThat(m.idleWattsPerCore()).isEqualTo(PowerModel.RASPBERRY_PI_4.idleWattsPerCore());
    assertThat(m.split()).isEqualTo(PowerModel.RASPBERRY_PI_4.split());
    assertThat(options().powerModel()).isEqualTo(PowerModel.GENERIC_X86_SERVER);
  }

  @Test
  void negativeOrNonNumericWattsAreUsageErrors() {
    assertThatThrownBy(() -> options("--energy.idle-watts=-1"))
        .isInstanceOf(AgentArgs.UsageException.class)
        .hasMessage("invalid value '-1' for --energy.idle-watts: want watts >= 0");
    assertThatThrownBy(() -> options("--energy.idle-watts-per-core=lots"))
        .hasMessage("invalid value 'lots' for --energy.idle-watts-per-core: want watts >= 0");
  }

  @Test
  void warmUpRoundsDefaultAndBounds() throws Exception {
    assertThat(options().warmupRounds()).isEqualTo(AgentArgs.DEFAULT_WARMUP_ROUNDS);
    assertThat(options("--warmup.rounds=0").warmupRounds()).isZero();
    assertThat(options("--warmup.rounds=40").warmupRounds()).isEqualTo(40);
    assertThatThrownBy(() -> options("--warmup.rounds=-1"))
        .isInstanceOf(AgentArgs.UsageException.class)
        .hasMessage("invalid value '-1' for --warmup.rounds: want 0 to 100000");
    assertThatThrownBy(() -> options("--warmup.rounds=many"))
        .hasMessage("invalid value 'many' for --warmup.rounds: want 0 to 100000");
  }

  @Test
  void inAPodThePodsUrlComesFromTheEnvironment() throws Exception {
    AgentOptions o =
        AgentArgs.parse(List.of())
            .toOptions(
                Map.of(
                    "NODE_NAME",
                    "worker-3",
                    "KUBERNETES_SERVICE_HOST",
                    "10.0.0.1",
                    "KUBERNETES_SERVICE_PORT",
                    "6443"),
                p -> true);
    assertThat(o.nodeName()).isEqualTo("worker-3");
    AgentOptions.Kubernetes k = o.kubernetes();
    assertThat(k).isNotNull();
    assertThat(java.util.Objects.requireNonNull(k).podsUrl().toString())
        .isEqualTo("https://10.0.0.1:6443/api/v1/pods?fieldSelector=spec.nodeName=worker-3");
    assertThat(k.tokenFile()).isEqualTo(Path.of(AgentArgs.SA_DIR, "token"));
    assertThat(k.caFile()).isEqualTo(Path.of(AgentArgs.SA_DIR, "ca.crt"));
    assertThat(options().kubernetes()).isNull();
  }
}
