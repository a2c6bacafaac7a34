/**
 * The rules: a sealed {@code Rule} that is either a recording rule or an alerting rule with its
 * active alerts and their state machine (pending, firing, keep_firing_for, resolved).
 */
@NullMarked
package io.moraine.rules.rule;

import org.jspecify.annotations.NullMarked;
