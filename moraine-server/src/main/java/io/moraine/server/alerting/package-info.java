/**
 * Wiring of alert notifications into the server: the {@code alerting} section's Alertmanager sets,
 * their discovery and relabeling, and the Alertmanager notifier that rule evaluation sends to.
 */
@NullMarked
package io.moraine.server.alerting;

import org.jspecify.annotations.NullMarked;
