/**
 * The typed consumer view of one site for schedulers and dashboards: its nodes and workloads that
 * existed during a time window, with capacity, allocatable, requests, limits and the usage measured
 * over exactly that window, every number with its unit. {@link io.moraine.graph.sites.SiteView}
 * reads the state graphs by SPARQL and the usage by PromQL through a {@link
 * io.moraine.graph.usage.UsageSource}.
 */
@NullMarked
package io.moraine.graph.sites;

import org.jspecify.annotations.NullMarked;
