/** Loki's HTTP API: the push endpoints ({@code /loki/api/v1/push}, OTLP {@code /v1/logs}). */
@NullMarked
package io.moraine.server.api.loki;

import org.jspecify.annotations.NullMarked;
