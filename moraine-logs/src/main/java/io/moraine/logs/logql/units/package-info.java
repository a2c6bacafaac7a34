/**
 * Go's textual number formats as LogQL reads them: {@code strconv.ParseFloat}, {@code
 * time.ParseDuration} and go-humanize's {@code ParseBytes}, with Go's error messages.
 */
@NullMarked
package io.moraine.logs.logql.units;

import org.jspecify.annotations.NullMarked;
