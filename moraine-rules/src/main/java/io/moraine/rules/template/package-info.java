/**
 * Go text/template as Prometheus expands alert labels and annotations: actions, pipelines,
 * variables, control structures, and Prometheus's template functions ({@code humanize*}, {@code
 * query}, ...).
 */
@NullMarked
package io.moraine.rules.template;

import org.jspecify.annotations.NullMarked;
