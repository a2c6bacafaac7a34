/**
 * Containers from cgroups (v1 and v2): cAdvisor's {@code container_*} families, the mapping of
 * kubelet cgroup paths (systemd and cgroupfs drivers) to pods, and the views other collectors use
 * ({@link io.moraine.agent.cgroup.ContainerUsageSource} for energy attribution, {@link
 * io.moraine.agent.cgroup.ProcessContainers} for GPU processes).
 */
@NullMarked
package io.moraine.agent.cgroup;

import org.jspecify.annotations.NullMarked;
