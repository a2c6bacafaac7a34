/**
 * Deterministic synthetic data: realistic Prometheus series and values ({@link
 * io.moraine.testkit.data.SeriesGenerator}) and their OpenMetrics rendering ({@link
 * io.moraine.testkit.data.OpenMetricsWriter}).
 */
@NullMarked
package io.moraine.testkit.data;

import org.jspecify.annotations.NullMarked;
