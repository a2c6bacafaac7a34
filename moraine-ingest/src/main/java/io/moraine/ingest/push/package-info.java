/**
 * Pushgateway-compatible pushes: groups of metric families keyed by their grouping labels ({@code
 * job} and the labels of the push path), kept by {@link io.moraine.ingest.push.PushRegistry} and
 * appended into the store at push time and again on every refresh, so that they stay visible as if
 * a Pushgateway were scraped with {@code honor_labels: true}.
 */
@NullMarked
package io.moraine.ingest.push;

import org.jspecify.annotations.NullMarked;
