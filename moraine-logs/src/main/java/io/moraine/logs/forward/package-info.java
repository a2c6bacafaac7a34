/**
 * Forwarding of accepted log entries to external Lokis ({@code logs.remote_push}): a {@link
 * io.moraine.logs.forward.ForwardingLogAppendable} tee records what the local store accepted and
 * hands each committed batch to one {@link io.moraine.logs.forward.LokiForwarder} per configured
 * URL, which queues it in memory (bounded, oldest dropped first), batches per tenant and pushes
 * snappy-compressed {@code logproto.PushRequest} bodies as Promtail does, retrying with backoff.
 */
@NullMarked
package io.moraine.logs.forward;

import org.jspecify.annotations.NullMarked;
