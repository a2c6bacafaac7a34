package io.moraine.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.agent.cgroup.CgroupPath.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CgroupPathTest {
  static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest
  @CsvSource({
    "/, ROOT, '', ''",
    "/kubepods, KUBE, '', ''",
    "/kubepods/besteffort, KUBE, '', ''",
    "/kubepods/burstable/pod11-22, POD, 11-22, ''",
    "/kubepods/burstable/pod11-22/" + ID + ", CONTAINER, 11-22, " + ID,
    "/kubepods/pod11-22/" + ID + ", CONTAINER, 11-22, " + ID,
    "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod11_22.slice, POD, 11-22, ''",
    "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod11_22.slice/crio-"
        + ID
        + ".scope, CONTAINER, 11-22, "
        + ID,
    "/kubepods.slice/kubepods-pod11_22.slice/cri-containerd-"
        + ID
        + ".scope, CONTAINER, 11-22, "
        + ID,
    "/kubepods.slice/kubepods-pod11_22.slice/docker-" + ID + ".scope, CONTAINER, 11-22, " + ID,
    "/kubepods.slice/kubepods-pod11_22.slice/crio-conmon-" + ID + ".scope, OTHER, '', ''",
    "/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-pod11_22.slice, POD, 11-22, ''",
    "/docker/" + ID + ", STANDALONE, '', " + ID,
    "/system.slice/docker-" + ID + ".scope, STANDALONE, '', " + ID,
    "/machine.slice/libpod-" + ID + ".scope, STANDALONE, '', " + ID,
    "/system.slice/cron.service, OTHER, '', ''",
    "/kubepods/burstable/pod11-22/notanid, OTHER, '', ''",
  })
  void classifies(String path, Kind kind, String uid, String id) {
    assertThat(CgroupPath.classify(path)).isEqualTo(new CgroupPath(kind, uid, id));
  }
}
