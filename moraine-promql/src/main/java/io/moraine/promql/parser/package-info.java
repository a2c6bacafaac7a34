/** Lexer, parser and printer of PromQL, with Prometheus's error messages and positions. */
@NullMarked
package io.moraine.promql.parser;

import org.jspecify.annotations.NullMarked;
