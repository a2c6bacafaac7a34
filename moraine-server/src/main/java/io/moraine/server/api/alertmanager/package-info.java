/**
 * Alertmanager's API v2 where Moraine routes alerts itself: silences ({@code /api/v2/silences},
 * {@code /api/v2/silence/{id}}), answered in Alertmanager's shapes.
 */
@NullMarked
package io.moraine.server.api.alertmanager;

import org.jspecify.annotations.NullMarked;
