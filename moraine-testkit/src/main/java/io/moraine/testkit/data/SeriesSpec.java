package io.moraine.testkit.data;

import io.moraine.core.labels.Labels;

/**
 * One generated series: identity, text form and how its value moves.
 *
 * @param family the metric family name (for histograms without {@code _bucket} etc.)
 * @param type the family type: counter, gauge or histogram
 * @param text the series as it appears in exposition: {@code name{a="b",...}}, labels in generation
 *     order
 * @param group index of the metric the series belongs to: its own index, or the histogram's first
 *     series for histogram components
 * @param histogram index into the generator's histograms, or -1
 * @param component bucket index (the last bucket is +Inf), then one past it for the sum, two past
 *     it for the count
 */
record SeriesSpec(
    Labels labels,
    String family,
    String type,
    String text,
    ValueKind kind,
    double initial,
    double p1,
    double p2,
    double p3,
    int group,
    int histogram,
    int component) {}
