/**
 * Notification receivers: the integrations of Alertmanager's {@code receivers:} (webhook, PagerDuty
 * Events v2, Slack, e-mail over SMTP, and Better Stack incidents), with Alertmanager 0.25's default
 * payloads, retries with backoff and self metrics. {@link
 * io.moraine.rules.notify.receiver.DefaultReceivers} is the entry point.
 */
@NullMarked
package io.moraine.rules.notify.receiver;

import org.jspecify.annotations.NullMarked;
