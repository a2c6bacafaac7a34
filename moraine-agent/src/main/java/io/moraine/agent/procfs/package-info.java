/**
 * node_exporter's host collectors that read {@code /proc} (and, for {@code time}, the clocksources
 * in {@code /sys}; for {@code os}, {@code /etc/os-release} under the root): {@code cpu}, {@code
 * loadavg}, {@code meminfo}, {@code stat}, {@code time}, {@code uname}, {@code os}, {@code
 * pressure}, {@code vmstat}, {@code filefd} and {@code entropy}, with node_exporter 1.5.0's family
 * names, HELP texts, types, labels and units.
 *
 * <p>Files are read into a buffer each collector reuses between scrapes and parsed in place, so a
 * scrape allocates little beyond the label strings it has not seen before.
 */
@NullMarked
package io.moraine.agent.procfs;

import org.jspecify.annotations.NullMarked;
