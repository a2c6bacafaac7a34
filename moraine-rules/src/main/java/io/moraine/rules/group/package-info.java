/**
 * Rule groups evaluated on their interval with Prometheus's evaluation-time alignment, the manager
 * that loads and reloads them, restores alert state after a restart, and counts {@code
 * moraine_rule_*} metrics.
 */
@NullMarked
package io.moraine.rules.group;

import org.jspecify.annotations.NullMarked;
