/**
 * Relabeling with Prometheus 2.42's rules ({@code relabel_configs}, {@code metric_relabel_configs},
 * {@code write_relabel_configs}, {@code alert_relabel_configs}).
 *
 * <p>{@link io.moraine.ingest.relabel.RelabelConfig} is one step as written in the configuration,
 * with Prometheus's defaults and validation; {@link io.moraine.ingest.relabel.Relabeler} compiles a
 * list of them once and applies it to label sets from any number of threads. Regular expressions
 * are written in Go's RE2 syntax, anchored at both ends, and translated to {@link
 * java.util.regex.Pattern}; replacement templates follow Go's {@code Regexp.Expand}.
 */
@NullMarked
package io.moraine.ingest.relabel;

import org.jspecify.annotations.NullMarked;
