/**
 * The collector SPI of the node agent: a {@link io.moraine.agent.collector.Collector} reads one
 * part of the host (under the {@link io.moraine.agent.collector.HostPaths} roots) and writes metric
 * families to a {@link io.moraine.agent.collector.MetricWriter}, which the HTTP layer renders in
 * the Prometheus text format or OpenMetrics.
 */
@NullMarked
package io.moraine.agent.collector;

import org.jspecify.annotations.NullMarked;
