/**
 * What alerts become once they leave the rules: the {@code Alert} as Prometheus sends it, sinks
 * that take them (Alertmanager API v2, built-in routing), and alert state changes for the history.
 */
@NullMarked
package io.moraine.rules.notify;

import org.jspecify.annotations.NullMarked;
