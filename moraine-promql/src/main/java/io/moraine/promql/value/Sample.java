package io.moraine.promql.value;

import io.moraine.core.labels.Labels;

/** One element of an instant vector: a series' labels and its value at {@code t} (ms). */
public record Sample(Labels labels, long t, double v) {}
