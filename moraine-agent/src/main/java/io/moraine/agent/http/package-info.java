/**
 * The agent's HTTP surface on blocking sockets (no framework, nothing running while idle): {@code
 * /metrics} in the Prometheus text format 0.0.4 or OpenMetrics 1.0.0 (by the {@code Accept} header,
 * gzip when accepted), {@code /-/healthy}, {@code /-/ready} and a landing page.
 */
@NullMarked
package io.moraine.agent.http;

import org.jspecify.annotations.NullMarked;
