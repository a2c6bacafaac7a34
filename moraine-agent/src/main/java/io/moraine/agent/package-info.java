/**
 * The node agent: {@link io.moraine.agent.Agent} wires the enabled collectors, the log shipper and
 * the HTTP server from an {@link io.moraine.agent.AgentOptions}.
 */
@NullMarked
package io.moraine.agent;

import org.jspecify.annotations.NullMarked;
