/**
 * The HTTP server (Armeria): health and readiness endpoints, {@code /metrics}, and the one mapper
 * from exceptions to Prometheus-style error bodies.
 */
@NullMarked
package io.moraine.server.http;

import org.jspecify.annotations.NullMarked;
