/**
 * Moraine's configuration: the YAML file ({@code moraine.yml}, a superset of prometheus.yml) mapped
 * to typed records with a {@code DEFAULT} each, validated at load with line and column. The only
 * reader of YAML in Moraine.
 */
@NullMarked
package io.moraine.server.config;

import org.jspecify.annotations.NullMarked;
