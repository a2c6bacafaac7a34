/**
 * The server's rule side: loading rule files, running the rule manager over the store, sending its
 * alerts to Alertmanagers and to the built-in router, and keeping the alert history as series in
 * the store.
 */
@NullMarked
package io.moraine.server.rules;

import org.jspecify.annotations.NullMarked;
