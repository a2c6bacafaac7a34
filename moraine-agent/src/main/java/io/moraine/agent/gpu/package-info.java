/**
 * GPU telemetry through NVML, bound with the JDK's foreign-function API (no JNI, no library): the
 * {@link io.moraine.agent.gpu.GpuCollector} writes dcgm-exporter's default {@code DCGM_FI_DEV_*}
 * families with its labels, and attributes each GPU to the pod whose process runs on it.
 */
@NullMarked
package io.moraine.agent.gpu;

import org.jspecify.annotations.NullMarked;
