/**
 * Sends alerts to Alertmanager over its API v2 ({@code POST /api/v2/alerts}) as Prometheus 2.42's
 * notifier does: a bounded queue, batches of at most 64, every Alertmanager of every set at once.
 */
@NullMarked
package io.moraine.rules.notify.alertmanager;

import org.jspecify.annotations.NullMarked;
