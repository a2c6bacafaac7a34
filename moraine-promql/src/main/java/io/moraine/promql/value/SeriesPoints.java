package io.moraine.promql.value;

import io.moraine.core.labels.Labels;

/**
 * One series of a matrix: labels and {@code size} points in ascending time. The arrays may be
 * longer than {@code size}; callers must not modify them.
 */
public record SeriesPoints(Labels labels, long[] ts, double[] vs, int size) {}
