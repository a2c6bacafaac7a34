package io.moraine.rules.notify;

import io.moraine.core.labels.Labels;

/**
 * One state change of one alert, for the alert history.
 *
 * @param timeMillis when the change happened (the evaluation time, or the routing time for {@code
 *     SILENCED})
 * @param labels the alert's labels ({@code alertname} included)
 * @param value the alert's value at that time (NaN when unknown)
 * @param activeAtMillis when the alert became active (pending), 0 when unknown
 */
public record AlertStateChange(
    long timeMillis, Labels labels, AlertState state, double value, long activeAtMillis) {}
