/** RE2 (Go {@code regexp}) syntax read by {@link java.util.regex}: LogQL's regexes. */
@NullMarked
package io.moraine.logs.logql.regex;

import org.jspecify.annotations.NullMarked;
