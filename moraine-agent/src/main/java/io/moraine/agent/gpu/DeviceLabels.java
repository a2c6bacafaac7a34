package io.moraine.agent.gpu;

import io.moraine.agent.cgroup.ContainerRef;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The labels of one GPU's series, as dcgm-exporter writes them: {@code gpu}, {@code UUID}, {@code
 * pci_bus_id}, {@code device}, {@code modelName}, {@code Hostname} when set, then {@code
 * container}, {@code namespace} and {@code pod} when a pod holds the GPU.
 */
final class DeviceLabels {
  private final String[] names;
  private final String[] values;

  private DeviceLabels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /** The label names; shared, never to be changed. */
  String[] names() {
    return names;
  }

  /** The label values, paired with {@link #names()} by index; shared, never to be changed. */
  String[] values() {
    return values;
  }

  static DeviceLabels of(GpuDevice d, String hostname, @Nullable ContainerRef pod) {
    List<String> names = new ArrayList<>(9);
    List<String> values = new ArrayList<>(9);
    add(names, values, "gpu", Integer.toString(d.index()));
    add(names, values, "UUID", d.uuid());
    add(names, values, "pci_bus_id", d.pciBusId());
    add(names, values, "device", d.device());
    add(names, values, "modelName", d.modelName());
    if (!hostname.isEmpty()) {
      add(names, values, "Hostname", hostname);
    }
    if (pod != null) {
      add(names, values, "container", pod.container());
      add(names, values, "namespace", pod.namespace());
      add(names, values, "pod", pod.pod());
    }
    return new DeviceLabels(names.toArray(String[]::new), values.toArray(String[]::new));
  }

  private static void add(List<String> names, List<String> values, String name, String value) {
    names.add(name);
    values.add(value);
  }
}
