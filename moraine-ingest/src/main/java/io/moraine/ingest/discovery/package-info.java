/**
 * Static, file and HTTP service discovery, as Prometheus 2.42's {@code static_configs}, {@code
 * file_sd_configs} and {@code http_sd_configs}.
 *
 * <table>
 *   <caption>Discoverers</caption>
 *   <tr><th>class</th><th>options</th><th>source names</th><th>meta label</th></tr>
 *   <tr><td>{@link io.moraine.ingest.discovery.StaticDiscoverer}</td>
 *       <td>{@link io.moraine.ingest.discovery.StaticGroup} list</td>
 *       <td>{@code 0}, {@code 1}, ... (index in the scrape config)</td><td>none</td></tr>
 *   <tr><td>{@link io.moraine.ingest.discovery.FileDiscoverer}</td>
 *       <td>{@link io.moraine.ingest.discovery.FileDiscoveryOptions}</td>
 *       <td>{@code <path>:<index>}</td><td>{@code __meta_filepath}</td></tr>
 *   <tr><td>{@link io.moraine.ingest.discovery.HttpDiscoverer}</td>
 *       <td>{@link io.moraine.ingest.discovery.HttpDiscoveryOptions}</td>
 *       <td>{@code <url>:<index>}</td><td>{@code __meta_url}</td></tr>
 * </table>
 *
 * <p>Files and HTTP bodies share one format, a list of {@code {"targets": [...], "labels": {...}}}
 * groups, in JSON (files ending {@code .json}, HTTP) or YAML ({@code .yml}, {@code .yaml}).
 * Self-metrics of every discoverer go to one {@link io.moraine.ingest.discovery.DiscoveryMetrics}.
 */
@NullMarked
package io.moraine.ingest.discovery;

import org.jspecify.annotations.NullMarked;
