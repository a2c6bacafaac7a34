/**
 * Rule files as data: the groups and rules of a Prometheus rule file with their positions, and
 * their checks (expressions, names, templates) with promtool's messages. The YAML itself is read by
 * the server's config package.
 */
@NullMarked
package io.moraine.rules.file;

import org.jspecify.annotations.NullMarked;
