/**
 * The seam for bulk import of OpenMetrics text into blocks ({@code moraine import openmetrics}).
 */
@NullMarked
package io.moraine.server.backfill;

import org.jspecify.annotations.NullMarked;
