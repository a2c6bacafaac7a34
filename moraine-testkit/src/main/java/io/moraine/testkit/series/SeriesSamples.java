package io.moraine.testkit.series;

/** The samples of one synthetic series, in ascending time. */
public record SeriesSamples(ValueKind kind, long[] timestamps, double[] values) {}
