/**
 * Wiring of remote-write sending into the server: {@code remote_write} entries resolved (secrets,
 * TLS, relabelling, external labels) into the ingest module's senders, and the tee on the store.
 */
@NullMarked
package io.moraine.server.remote;

import org.jspecify.annotations.NullMarked;
