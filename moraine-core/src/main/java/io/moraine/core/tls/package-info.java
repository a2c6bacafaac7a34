/**
 * TLS client trust shared by the server's scrape/remote clients and the agent's pod list client.
 */
@NullMarked
package io.moraine.core.tls;

import org.jspecify.annotations.NullMarked;
