/**
 * Node and container energy with Kepler's {@code kepler_*} families: RAPL counters from sysfs
 * powercap where readable, otherwise a CPU-utilisation power model ({@link
 * io.moraine.agent.energy.PowerModel}); node energy is split into idle and dynamic parts and
 * attributed to containers by their share of CPU time. See {@code docs/energy-model.md}.
 */
@NullMarked
package io.moraine.agent.energy;

import org.jspecify.annotations.NullMarked;
