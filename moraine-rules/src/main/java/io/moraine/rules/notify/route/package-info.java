/**
 * Built-in alert routing for sites without an Alertmanager, with Alertmanager 0.25's dispatcher
 * semantics: a routing tree, aggregation groups with group_wait / group_interval / repeat_interval,
 * inhibition, silences, and a notification log that deduplicates across restarts. Delivery goes
 * through {@link io.moraine.rules.notify.Receivers}.
 */
@NullMarked
package io.moraine.rules.notify.route;

import org.jspecify.annotations.NullMarked;
