/**
 * node_exporter's {@code diskstats}, {@code netdev} and {@code hwmon} collectors, reading procfs
 * {@code diskstats} and {@code net/dev} and sysfs {@code class/hwmon}.
 */
@NullMarked
package io.moraine.agent.sysfs;

import org.jspecify.annotations.NullMarked;
