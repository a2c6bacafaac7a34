/**
 * Process and JVM metrics in the names the Prometheus ecosystem expects ({@code process_*}, {@code
 * jvm_*}).
 */
@NullMarked
package io.moraine.server.process;

import org.jspecify.annotations.NullMarked;
