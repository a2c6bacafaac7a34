/**
 * The agent's own process figures with client_golang's names ({@code process_*}), read from procfs
 * {@code self/}, so that the agent's footprint is visible in the same place as the node's.
 */
@NullMarked
package io.moraine.agent.self;

import org.jspecify.annotations.NullMarked;
