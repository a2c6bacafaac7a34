package io.moraine.testkit.data;

/**
 * One classic histogram: bucket bounds' cumulative share of a lognormal latency, starting counts
 * and sum, observation rate per second and mean observation.
 */
record HistogramSpec(double[] cdf, long[] startCounts, double startSum, double rate, double mean) {}
