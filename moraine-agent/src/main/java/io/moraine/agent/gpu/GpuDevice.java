package io.moraine.agent.gpu;

import java.lang.foreign.MemorySegment;

/**
 * One GPU as found at initialisation: its NVML handle (valid until {@code nvmlShutdown}) and the
 * identity dcgm-exporter puts in its labels.
 *
 * @param index NVML's index, the {@code gpu} label
 * @param handle the opaque {@code nvmlDevice_t}
 * @param uuid e.g. {@code GPU-5fd4b6c2-...}, or empty when NVML refused
 * @param modelName e.g. {@code NVIDIA A100-SXM4-40GB}, or empty
 * @param device {@code nvidia<minor>}, the device file's name, or empty
 * @param pciBusId e.g. {@code 00000000:07:00.0}, or empty
 */
record GpuDevice(
    int index,
    MemorySegment handle,
    String uuid,
    String modelName,
    String device,
    String pciBusId) {}
